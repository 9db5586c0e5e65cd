import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CATALOGUE } from '../../src/platform/errors.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

const README = readFileSync(path.resolve(import.meta.dirname, '../../README.md'), 'utf8');

/** The README's table of every error code, as {code: status}. */
function documented(): Record<string, number> {
  const section = /<!-- error-codes -->([\s\S]*?)<!-- \/error-codes -->/.exec(README)?.[1] ?? '';
  const codes: Record<string, number> = {};
  for (const [, status, list] of section.matchAll(/^\s*\| (\d{3}) \| (.+) \|$/gm)) {
    for (const [, code] of (list ?? '').matchAll(/`([A-Z_]+)`/g)) codes[code as string] = Number(status);
  }
  return codes;
}

/** The table as it should read, for the README. */
function expectedTable(): string {
  const byStatus = new Map<number, string[]>();
  for (const [code, statuses] of ERROR_CATALOGUE) {
    for (const status of statuses) byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return [...byStatus]
    .sort(([a], [b]) => a - b)
    .map(
      ([status, codes]) =>
        `  | ${status} | ${codes
          .sort()
          .map((code) => `\`${code}\``)
          .join(', ')} |`,
    )
    .join('\n');
}

describe('error codes', () => {
  let t: TestApp;
  // Building the app declares every module's errors (some per partner kind, at construction).
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => t?.close());

  it('gives every code one status', () => {
    const ambiguous = [...ERROR_CATALOGUE].filter(([, statuses]) => statuses.size > 1).map(([code]) => code);
    expect(ambiguous).toEqual([]);
  });

  it('are all in the README, with their status, and the README names no other', () => {
    const declared = Object.fromEntries(
      [...ERROR_CATALOGUE].map(([code, statuses]) => [code, [...statuses][0]]),
    );
    expect(documented(), `README table should read:\n${expectedTable()}`).toEqual(declared);
  });
});
