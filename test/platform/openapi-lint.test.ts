import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

const root = path.resolve(import.meta.dirname, '../..');
const redocly = path.join(root, 'node_modules/@redocly/cli/bin/cli.js');

interface Operation {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  security?: unknown[];
  responses: Record<string, { content?: Record<string, unknown> }>;
}

/** The generated document, checked by two independent OpenAPI tools. */
describe('the OpenAPI document', () => {
  let t: TestApp;
  let scratch: string;
  let file: string;
  let spec: Record<string, unknown>;

  beforeAll(async () => {
    t = await buildTestApp();
    spec = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    scratch = mkdtempSync(path.join(tmpdir(), 'raktar-openapi-'));
    file = path.join(scratch, 'openapi.json');
    writeFileSync(file, JSON.stringify(spec));
  });
  afterAll(async () => {
    rmSync(scratch, { recursive: true, force: true });
    await t?.close();
  });

  // Redocly runs as a child process, killed if it hangs; a busy machine gets time to run it.
  it('passes Redocly lint (recommended rules) with no errors and no operationId or 4xx warnings', {
    timeout: 180_000,
  }, () => {
    const run = spawnSync(
      process.execPath,
      [redocly, 'lint', file, '--extends', 'recommended', '--format', 'json'],
      {
        cwd: scratch,
        encoding: 'utf8',
        timeout: 150_000,
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      },
    );
    const report = JSON.parse(run.stdout) as {
      problems: { ruleId: string; severity: string; message: string; location: { pointer: string }[] }[];
    };
    const summary = (severity: string, rules?: string[]) =>
      report.problems
        .filter((p) => p.severity === severity && (!rules || rules.includes(p.ruleId)))
        .map((p) => `${p.ruleId} ${p.location[0]?.pointer}: ${p.message}`);
    expect(summary('error')).toEqual([]);
    expect(
      summary('warn', [
        'operation-operationId',
        'operation-4xx-response',
        'operation-operationId-unique',
        'no-invalid-media-type-examples',
        'security-defined',
      ]),
    ).toEqual([]);
  });

  it('declares what each operation can answer, and signs in through either scheme', () => {
    const paths = spec.paths as Record<string, Record<string, Operation>>;
    const movements = paths['/api/v1/stock-movements']?.post;
    const conflict = movements?.responses['409']?.content?.['application/json'];
    expect(JSON.stringify(conflict)).toContain('INSUFFICIENT_STOCK');
    expect(JSON.stringify(conflict)).toContain('"available"');
    expect(movements?.security).toEqual([{ bearer: [] }, { oauth2: [] }]);
    expect(paths['/api/v1/products/{id}']?.get?.responses).toHaveProperty('404');
    expect(paths['/api/v1/products/{id}']?.put?.responses).toHaveProperty('412');
    expect(paths['/api/v1/products']?.post?.responses).toHaveProperty('409');
    expect(paths['/api/v1/auth/login']?.post?.responses).toHaveProperty('429');
    expect(paths['/api/v1/auth/login']?.post?.security).toEqual([]);
    for (const [path, item] of Object.entries(paths)) {
      for (const [method, operation] of Object.entries(item)) {
        expect(operation.operationId, `${method} ${path}`).toMatch(/^[a-z][A-Za-z]+$/);
        expect(operation.summary, `${method} ${path}`).toBeTruthy();
        expect(operation.description, `${method} ${path}`).toMatch(/(Who|Public): /);
        expect(operation.tags?.length, `${method} ${path}`).toBeGreaterThan(0);
      }
    }
  });

  it('is a valid OpenAPI 3.1 document for swagger-parser', async () => {
    await expect(SwaggerParser.validate(structuredClone(spec) as never)).resolves.toBeDefined();
  });
});
