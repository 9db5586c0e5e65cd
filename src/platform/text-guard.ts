import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Errors, type Messages } from './errors.js';
import { defineMessages } from './translations.js';

// Unpaired surrogates (the driver would silently turn them into U+FFFD) and the non-characters
// U+FFFE/U+FFFF are never text; NUL is checked below, PostgreSQL cannot store it at all.
const BROKEN = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]|[\ufffe\uffff]/;
const storable = (text: string) => !text.includes('\0') && !BROKEN.test(text);
const join = (path: string, key: string | number) => (path ? `${path}.${key}` : String(key));

const REASON: Messages = defineMessages('reason.text.unstorable', {
  en: 'must not contain NUL or invalid Unicode characters',
  hu: 'nem tartalmazhat NUL vagy érvénytelen Unicode karaktert',
});

/** Deeper than any request of this API nests; deeper still would overflow the recursive checks. */
export const MAX_DEPTH = 32;

const TOO_DEEP: Messages = defineMessages('reason.body.too_deep', {
  en: `must not nest more than ${MAX_DEPTH} levels deep`,
  hu: `legfeljebb ${MAX_DEPTH} szint mélyen lehet egymásba ágyazva`,
});

/** Whether `value` nests deeper than MAX_DEPTH (counted without recursion). */
function tooDeep(value: unknown): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop() as [unknown, number];
    if (!item || typeof item !== 'object') continue;
    if (depth >= MAX_DEPTH) return true;
    for (const child of Object.values(item)) stack.push([child, depth + 1]);
  }
  return false;
}

/** The dotted paths of every string under `value` that PostgreSQL could not store. */
function unstorable(value: unknown, path: string, found: string[]): void {
  if (typeof value === 'string') {
    if (!storable(value)) found.push(path || '(root)');
  } else if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) unstorable(item, join(path, index), found);
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (!storable(key)) found.push(join(path, '(key)'));
      unstorable(item, join(path, key), found);
    }
  }
}

/**
 * Refuses, on every route and before any handler, text the database cannot store: a NUL byte or
 * broken Unicode in the body, the query string or a path parameter is 422, not a failed query.
 */
export const textGuardPlugin = fp(
  async (app: FastifyInstance) => {
    app.addHook('preValidation', (request, _reply, done) => {
      if (tooDeep(request.body)) {
        return done(
          Errors.validation({}, { errors: [{ field: '(root)', message: TOO_DEEP[request.locale] }] }),
        );
      }
      const found: string[] = [];
      unstorable(request.params, '', found);
      unstorable(request.query, '', found);
      unstorable(request.body, '', found);
      if (found.length === 0) return done();
      const message = REASON[request.locale];
      done(Errors.validation({}, { errors: found.map((field) => ({ field, message })) }));
    });
  },
  { name: 'text-guard', dependencies: ['request-context'] },
);
