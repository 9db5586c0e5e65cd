import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, api, bodyOf } from '../../helpers/api.js';
import { loginAdmin } from '../../helpers/factories.js';
import { csv, upload } from '../../helpers/imports.js';
import { type Fixture, setupApp } from '../../helpers/setup.js';
import { buildTestApp } from '../../helpers/test-app.js';
import { waitFor } from '../../helpers/wait.js';

// Files of more than 5 rows run as a pg-boss job, on this app's own scheduler.
let t: Fixture;
beforeAll(async () => {
  t = await setupApp({ warehouse: 'BG1', config: { importAsyncRows: 5, schedulerEnabled: true } });
  await t.app.ready();
});
afterAll(() => t.close());

interface ImportBody {
  id: string;
  status: string;
  rows_total: number;
  rows_done: number;
  error_count: number;
  errors: { row: number; column: string; error_code: string; message: string }[];
  created: Record<string, number> | null;
}

/** The import once it has finished (done or failed), watching its progress never go back. */
async function finished(id: string, admin: Api = t.admin): Promise<{ last: ImportBody; seen: ImportBody[] }> {
  const seen: ImportBody[] = [];
  await waitFor(
    async () => {
      const body = bodyOf<ImportBody>(await admin.get(`/api/v1/imports/${id}`));
      seen.push(body);
      return body.status === 'done' || body.status === 'failed';
    },
    `import ${id} to finish`,
    60_000,
  );
  return { last: seen.at(-1) as ImportBody, seen };
}

describe('a large file imports in the background', () => {
  it('answers 202 with the import, whose progress reaches done; the rows are then there', async () => {
    const rows = [['sku', 'name', 'unit_of_measure']];
    for (let i = 0; i < 40; i += 1) rows.push([`BG-${i}`, `Background ${i}`, 'kg']);
    const res = await upload(t.admin, 'products', csv(rows));
    const accepted = bodyOf<ImportBody>(res, 202);
    expect(accepted).toMatchObject({ status: 'queued', rows_total: 40, rows_done: 0, created: null });
    const { last, seen } = await finished(accepted.id);
    expect(last).toMatchObject({ status: 'done', rows_total: 40, rows_done: 40, created: { products: 40 } });
    const done = seen.map((s) => s.rows_done);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    const products = bodyOf(await t.admin.get('/api/v1/products?search=BG-&page_size=100'));
    expect(products.total).toBe(40);
    const listed = bodyOf(await t.admin.get('/api/v1/imports?status=done'));
    expect(listed.items.map((i: { id: string }) => i.id)).toContain(accepted.id);
    expect(listed.items[0]).not.toHaveProperty('errors');
    const audit = bodyOf(await t.admin.get(`/api/v1/audit-log?entity_id=${accepted.id}`));
    expect(audit.items).toMatchObject([{ action: 'import.products' }]);
  });

  it('opening stock in the background: balances as imported and verify clean', async () => {
    const products = [['sku', 'name']];
    const stock = [['sku', 'warehouse_code', 'quantity']];
    for (let i = 0; i < 8; i += 1) {
      products.push([`BGS-${i}`, `Stocked ${i}`]);
      stock.push([`BGS-${i}`, 'BG1', String(i + 1)]);
    }
    const made = await finished(bodyOf<ImportBody>(await upload(t.admin, 'products', csv(products)), 202).id);
    expect(made.last.status).toBe('done');
    const { last } = await finished(
      bodyOf<ImportBody>(await upload(t.admin, 'opening-stock', csv(stock)), 202).id,
    );
    expect(last).toMatchObject({ status: 'done', rows_done: 8, created: { movements: 8 } });
    const balances = bodyOf(
      await t.admin.get(`/api/v1/inventory/balances?warehouse_id=${t.warehouse.id}&page_size=100`),
    );
    const total = balances.items.reduce((sum: number, b: { on_hand: number }) => sum + b.on_hand, 0);
    expect(total).toBe(36);
    expect(bodyOf(await t.admin.get('/api/v1/inventory/verify'))).toMatchObject({ ok: true });
  });

  it('a file with bad rows ends failed with every problem, in the reader language, importing nothing', async () => {
    const rows = [['sku', 'name', 'unit_price']];
    for (let i = 0; i < 10; i += 1) rows.push([`BGX-${i}`, `Bad ${i}`, i === 7 ? 'cheap' : '1']);
    rows.push(['BGX-0', 'Twice', '1']);
    const accepted = bodyOf<ImportBody>(await upload(t.admin, 'products', csv(rows)), 202);
    const { last } = await finished(accepted.id);
    expect(last).toMatchObject({ status: 'failed', rows_done: 0, error_count: 2, created: null });
    expect(last.errors).toMatchObject([
      { row: 9, column: 'unit_price', error_code: 'NOT_A_NUMBER', message: 'must be a number' },
      { row: 12, column: 'sku', error_code: 'DUPLICATE_IN_FILE' },
    ]);
    const hu = bodyOf(
      await t.admin.get(`/api/v1/imports/${accepted.id}`, undefined, { 'accept-language': 'hu' }),
    );
    expect(hu.errors[0].message).toBe('szám kell legyen');
    expect(bodyOf(await t.admin.get('/api/v1/products?search=BGX-')).total).toBe(0);
  });

  it('a dry run of a large file is answered at once and queues nothing', async () => {
    const rows = [['sku', 'name']];
    for (let i = 0; i < 20; i += 1) rows.push([`BGD-${i}`, `Dry ${i}`]);
    const res = await upload(t.admin, 'products', csv(rows), { query: 'dry_run=true' });
    expect(bodyOf(res, 200)).toMatchObject({ dry_run: true, rows_total: 20, would_create: { products: 20 } });
  });
});

describe('a large file on an instance that runs no scheduler', () => {
  let lone: Fixture;
  beforeAll(async () => {
    lone = await setupApp({ config: { importAsyncRows: 5, schedulerEnabled: false } });
    await lone.app.ready();
  });
  afterAll(() => lone.close());

  it('is imported by the instance that took the upload, not left queued', async () => {
    const rows = [['sku', 'name']];
    for (let i = 0; i < 12; i += 1) rows.push([`LONE-${i}`, `Lone ${i}`]);
    const accepted = bodyOf<ImportBody>(await upload(lone.admin, 'products', csv(rows)), 202);
    expect(accepted).toMatchObject({ status: 'queued', rows_total: 12 });
    const { last } = await finished(accepted.id, lone.admin);
    expect(last).toMatchObject({ status: 'done', rows_done: 12, created: { products: 12 } });
    expect(bodyOf(await lone.admin.get('/api/v1/products?search=LONE-')).total).toBe(12);
  });
});

describe('an import whose runner died, on an instance that runs no scheduler', () => {
  it('is taken up when the instance starts again, once its runner has been silent 10 minutes', async () => {
    const restarted = await buildTestApp({ importAsyncRows: 5, schedulerEnabled: false });
    try {
      const rows = [['sku', 'name']];
      for (let i = 0; i < 12; i += 1) rows.push([`DIED-${i}`, `Died ${i}`]);
      // What a killed instance leaves: the import running, its file kept, nothing heard for 11 minutes.
      const {
        rows: [stranded],
      } = await restarted.database.executeSql(
        `insert into imports (id, kind, status, format, filename, content, rows_total, created_at, updated_at, started_at)
         values (gen_random_uuid(), 'products', 'running', 'csv', 'died.csv', $1, 12,
           now() - interval '12 minutes', now() - interval '11 minutes', now() - interval '12 minutes')
         returning id`,
        [Buffer.from(csv(rows))],
      );
      const id = (stranded as { id: string }).id;
      await restarted.app.ready();
      const admin = api(restarted.app, (await loginAdmin(restarted.app)).access_token);
      const { last } = await finished(id, admin);
      expect(last).toMatchObject({ status: 'done', rows_done: 12, created: { products: 12 } });
      expect(bodyOf(await admin.get('/api/v1/products?search=DIED-')).total).toBe(12);
    } finally {
      await restarted.close();
    }
  });
});
