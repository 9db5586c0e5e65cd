// Turns a generated request plan into an `app.inject` call: picks ids among the records the run
// has seen, writes the URL and the body, and remembers the ids every successful answer shows.
import { randomUUID } from 'node:crypto';
import type { InjectOptions } from 'fastify';
import { Encoded, type RequestPlan } from './openapi-requests.js';
import { IdRef, idKind, Raw } from './schema-arbitraries.js';

/** Ids (and codes) by kind of record, in the order they were first seen. */
export class IdPools {
  private readonly pools = new Map<string, string[]>();
  private readonly seen = new Set<string>();

  /** `never`: ids no request may name (the signed-in administrator, whom a fuzzer could lock out). */
  constructor(private readonly never: Set<string>) {}

  remember(kind: string, value: string): void {
    const key = `${kind}:${value}`;
    if (this.seen.has(key) || this.never.has(value)) return;
    this.seen.add(key);
    this.pools.set(kind, [...(this.pools.get(kind) ?? []), value]);
  }

  /** An id of the kind asked for, or a record id of any kind when none is known yet; a random one before any. */
  resolve(ref: IdRef): string {
    let pool = ref.kind === 'any' ? undefined : this.pools.get(ref.kind);
    if (!pool?.length)
      pool = [...this.pools].filter(([kind]) => !CODES.includes(kind)).flatMap(([, ids]) => ids);
    return pool.length ? (pool[ref.pick % pool.length] as string) : randomUUID();
  }

  /** Remembers every id in an answer: `id` as the kind asked for, `<kind>_id` as that kind. */
  harvest(kind: string, value: unknown, depth = 0): void {
    if (depth > 5) return;
    if (Array.isArray(value)) {
      for (const item of value.slice(0, 50)) this.harvest(kind, item, depth + 1);
      return;
    }
    if (!value || typeof value !== 'object') return;
    for (const [key, item] of Object.entries(value)) {
      if (typeof item === 'string' && key === 'id') this.remember(kind, item);
      else if (typeof item === 'string' && key.endsWith('_id')) this.remember(idKind(key), item);
      else if (typeof item === 'string' && key === 'code' && kind === 'units') this.remember(kind, item);
      else if (typeof item === 'string' && key === 'key' && kind === 'modules') this.remember(kind, item);
      else if (item && typeof item === 'object') this.harvest(CHILD_KINDS[key] ?? kind, item, depth + 1);
    }
  }

  sizes(): Record<string, number> {
    return Object.fromEntries([...this.pools].map(([kind, ids]) => [kind, ids.length]));
  }
}

/** Kinds whose values are codes, not ids. */
const CODES = ['units', 'modules'];

const CHILD_KINDS: Record<string, string> = {
  lines: 'lines',
  line_items: 'lines',
  movements: 'stock-movements',
  components: 'components',
  lots: 'lots',
  bins: 'bins',
};

/** The collection a path answers with (`/products/{id}/lots` → `lots`, `/products/{id}/restore` → `products`). */
export function answerKind(path: string): string {
  const segments = path.split('/').filter((s) => s && s !== 'api' && s !== 'v1');
  const last = segments.at(-1) ?? '';
  if (['lots', 'bins', 'bulk'].includes(last)) return last === 'bulk' ? 'bins' : last;
  const param = segments.findLastIndex((s) => s.startsWith('{'));
  return (param > 0 ? segments[param - 1] : last) as string;
}

/** JSON text for a generated value: ids picked, raw literals written as they are. */
export function toJson(value: unknown, pools: IdPools): string {
  if (value instanceof Raw) return value.text;
  if (value instanceof IdRef) return JSON.stringify(pools.resolve(value));
  if (value instanceof Encoded) return JSON.stringify(value.text);
  if (Array.isArray(value)) return `[${value.map((item) => toJson(item, pools)).join(',')}]`;
  if (value && typeof value === 'object') {
    // As JSON.stringify does, a field without a value is left out.
    const fields = Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .map(([key, item]) => `${JSON.stringify(key)}:${toJson(item, pools)}`);
    return `{${fields.join(',')}}`;
  }
  return value === undefined ? 'null' : JSON.stringify(value);
}

/** A generated value as it goes into a URL: percent-encoded, unless it was made encoded. */
function urlText(value: unknown, pools: IdPools): string {
  if (value instanceof Encoded) return value.text;
  if (value instanceof IdRef) return encodeURIComponent(pools.resolve(value));
  const text = value instanceof Raw ? value.text : typeof value === 'string' ? value : toJson(value, pools);
  try {
    return encodeURIComponent(text);
  } catch {
    // A lone surrogate cannot be encoded: it goes as the bytes a careless client sends.
    return '%ED%A0%80';
  }
}

function formBody(body: unknown, pools: IdPools): string {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return toJson(body, pools);
  return Object.entries(body)
    .map(([key, value]) => `${urlText(key, pools)}=${urlText(value, pools)}`)
    .join('&');
}

export interface Callers {
  admin: string;
  garbage: string[];
}

/** The `app.inject` call for a plan, with the URL and body as sent (for reports). */
export function toInject(
  plan: RequestPlan,
  pools: IdPools,
  callers: Callers,
): InjectOptions & { url: string } {
  const path = plan.op.path.replace(/\{(\w+)\}/g, (_all, name: string) => urlText(plan.params[name], pools));
  const query = plan.query.map(([key, value]) => `${urlText(key, pools)}=${urlText(value, pools)}`).join('&');
  const headers: Record<string, string> = { ...plan.headers };
  if (plan.caller === 'admin') headers.authorization = `Bearer ${callers.admin}`;
  else if (typeof plan.caller === 'number') headers.authorization = callers.garbage[plan.caller] as string;
  let payload: string | undefined;
  if (plan.body !== undefined) {
    const form = plan.contentType === 'application/x-www-form-urlencoded';
    payload =
      typeof plan.body === 'string'
        ? plan.body
        : form
          ? formBody(plan.body, pools)
          : toJson(plan.body, pools);
    headers['content-type'] = plan.contentType ?? 'application/json';
  }
  return {
    method: plan.op.method as InjectOptions['method'],
    url: query ? `${path}?${query}` : path,
    headers,
    ...(payload === undefined ? {} : { payload }),
  };
}
