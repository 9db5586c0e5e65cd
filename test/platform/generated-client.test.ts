import { execFile, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import openapiTS, { astToString } from 'openapi-typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, buildTestApp, type TestApp } from '../helpers/test-app.js';

const root = path.resolve(import.meta.dirname, '../..');

/** What a client generated from the document does: it must compile strictly and work against the API. */
const FLOW = `import createClient from 'openapi-fetch';
import type { paths } from './schema.js';

const [baseUrl = '', password = ''] = process.argv.slice(2);
const client = createClient<paths>({ baseUrl });

const login = await client.POST('/api/v1/auth/login-json', { body: { username: 'admin', password } });
if (!login.data) throw new Error(\`login: \${JSON.stringify(login.error)}\`);
const headers = { Authorization: \`Bearer \${login.data.access_token}\` };

const warehouse = await client.POST('/api/v1/warehouses', { body: { code: 'GEN', name: 'Generated client' }, headers });
const product = await client.POST('/api/v1/products', { body: { sku: 'GEN-1', name: 'Generated product' }, headers });
if (!warehouse.data || !product.data) throw new Error('setup failed');
const where = { product_id: product.data.id, warehouse_id: warehouse.data.id };

const receipt = await client.POST('/api/v1/stock-movements', {
  body: { ...where, movement_type: 'receipt', quantity: 5 },
  headers,
});
const short = await client.POST('/api/v1/stock-movements', {
  body: { ...where, movement_type: 'issue', quantity: 9 },
  headers,
});
const read = await client.GET('/api/v1/products/{id}', { params: { path: { id: product.data.id } }, headers });
console.log(
  JSON.stringify({
    received: receipt.data?.quantity,
    shortStatus: short.response.status,
    shortCode: short.error?.error_code,
    sku: read.data?.sku,
  }),
);
`;

describe('a client generated from /openapi.json (openapi-typescript + openapi-fetch)', () => {
  let t: TestApp;
  let baseUrl: string;
  // Inside the project, so the generated code resolves openapi-fetch from its node_modules.
  const scratch = path.join(root, 'node_modules/.cache', `raktar-client-${process.pid}-${Date.now()}`);

  beforeAll(async () => {
    t = await buildTestApp();
    baseUrl = await t.app.listen({ host: '127.0.0.1', port: 0 });
    const spec = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    mkdirSync(scratch, { recursive: true });
    writeFileSync(path.join(scratch, 'schema.d.ts'), astToString(await openapiTS(spec)));
    writeFileSync(path.join(scratch, 'flow.ts'), FLOW);
    writeFileSync(path.join(scratch, 'package.json'), JSON.stringify({ type: 'module' }));
  });
  afterAll(async () => {
    rmSync(scratch, { recursive: true, force: true });
    await t?.close();
  });

  // Both tests run a child process: on a busy machine it may take a while, and it is killed if it hangs.
  it('compiles under strict TypeScript', { timeout: 180_000 }, () => {
    const tsc = spawnSync(
      process.execPath,
      [
        path.join(root, 'node_modules/typescript/bin/tsc'),
        '--noEmit',
        '--strict',
        '--skipLibCheck',
        '--target',
        'es2022',
        '--module',
        'nodenext',
        '--moduleResolution',
        'nodenext',
        'flow.ts',
      ],
      { cwd: scratch, encoding: 'utf8', timeout: 150_000 },
    );
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  });

  it('signs in, sets up, posts a receipt and gets INSUFFICIENT_STOCK past it', {
    timeout: 180_000,
  }, async () => {
    // Not spawnSync: the server answering the client runs in this process.
    const run = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'flow.ts', baseUrl, ADMIN_PASSWORD],
      { cwd: scratch, encoding: 'utf8', timeout: 150_000 },
    );
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({
      received: 5,
      shortStatus: 409,
      shortCode: 'INSUFFICIENT_STOCK',
      sku: 'GEN-1',
    });
  });
});
