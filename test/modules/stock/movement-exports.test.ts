import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { column, csvOf, onClock, XLSX_TYPE, xlsxOf } from '../../helpers/exports.js';
import { type ApiUser, type Fixture, setupApp } from '../../helpers/setup.js';
import { createProduct, move, receive } from '../../helpers/stock.js';
import { waitFor } from '../../helpers/wait.js';

let t: Fixture<['viewer', 'warehouse']>;
let viewer: ApiUser;
let product: { id: string; sku: string };
let other: { id: string; sku: string };
/** The movements of `product` as the JSON list shows them, newest first. */
let listed: { id: string; occurred_at: string; quantity: number; reason: string | null }[];

beforeAll(async () => {
  t = await setupApp({ users: ['viewer', 'warehouse'], warehouse: 'EXP' });
  [viewer] = t.users;
  const worker = t.users[1];
  product = await createProduct(t.app, t.admin.token, { name: 'Tej 1 l, félzsíros', unit_of_measure: 'kg' });
  other = await createProduct(t.app, t.admin.token);
  await receive(t.app, worker.token, product.id, t.warehouse.id, 12.5);
  const issue = await move(t.app, worker.token, {
    product_id: product.id,
    warehouse_id: t.warehouse.id,
    movement_type: 'issue',
    quantity: 2,
    reason: '=HYPERLINK("http://evil.example","click")',
  });
  expect(issue.statusCode).toBe(201);
  await receive(t.app, worker.token, other.id, t.warehouse.id, 1);
  listed = (await viewer.api.get(`/api/v1/stock-movements?product_id=${product.id}`)).json().items;
  expect(listed).toHaveLength(2);
});
afterAll(() => t.close());

const url = (format: string, filter = `product_id=${product.id}`) =>
  `/api/v1/stock-movements?${filter}&format=${format}`;

describe('GET /stock-movements?format=csv', () => {
  it('streams every filtered movement, newest first, with English headers and Budapest times', async () => {
    const res = await viewer.api.get(url('csv'));
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="stock-movements-\d{8}-\d{6}\.csv"$/,
    );
    const rows = csvOf(res);
    expect(rows[0]).toEqual(expect.arrayContaining(['Time', 'Movement type', 'SKU', 'Quantity']));
    expect(rows).toHaveLength(3);
    expect(column(rows, 'Movement ID')).toEqual(listed.map((m) => m.id));
    expect(column(rows, 'SKU')).toEqual([product.sku, product.sku]);
    expect(column(rows, 'Product')).toEqual(['Tej 1 l, félzsíros', 'Tej 1 l, félzsíros']);
    expect(column(rows, 'Quantity')).toEqual(['-2', '12.5']);
    expect(column(rows, 'Movement type')).toEqual(['issue', 'receipt']);
    expect(column(rows, 'Warehouse')).toEqual(['EXP', 'EXP']);
    expect(column(rows, 'Time')).toEqual(listed.map((m) => onClock(m.occurred_at)));
  });

  it('guards a text cell that a spreadsheet would run as a formula', async () => {
    const rows = csvOf(await viewer.api.get(url('csv')));
    expect(column(rows, 'Reason')[0]).toBe(`'=HYPERLINK("http://evil.example","click")`);
  });

  it('speaks Hungarian headers and movement types with Accept-Language: hu', async () => {
    const rows = csvOf(await viewer.api.get(url('csv'), undefined, { 'accept-language': 'hu' }));
    expect(rows[0]?.slice(0, 4)).toEqual(['Időpont', 'Mozgásnem', 'Cikkszám', 'Termék']);
    expect(column(rows, 'Mozgásnem')).toEqual(['kiadás', 'bevételezés']);
  });

  it('ignores paging: the whole filtered set, not a page of it', async () => {
    const rows = csvOf(await viewer.api.get(`${url('csv')}&page_size=1&page=2`));
    expect(rows).toHaveLength(3);
  });

  it('an empty set is a file with the header row alone', async () => {
    const rows = csvOf(await viewer.api.get(url('csv', `product_id=${product.id}&movement_type=scrap`)));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.[0]).toBe('Time');
  });
});

describe('GET /stock-movements?format=xlsx', () => {
  it('answers a workbook with numbers as numbers and date cells on the Budapest clock', async () => {
    const res = await viewer.api.get(url('xlsx'));
    expect(res.headers['content-type']).toBe(XLSX_TYPE);
    expect(res.headers['content-disposition']).toMatch(/filename="stock-movements-\d{8}-\d{6}\.xlsx"/);
    const rows = await xlsxOf(res);
    expect(rows).toHaveLength(3);
    expect(column(rows, 'Quantity')).toEqual([-2, 12.5]);
    expect(column(rows, 'Movement ID')).toEqual(listed.map((m) => m.id));
    // A cell holds no timezone: its date shows the Budapest wall clock, read back as UTC fields.
    const times = (column(rows, 'Time') as Date[]).map((d) => d.toISOString().slice(0, 19).replace('T', ' '));
    expect(times).toEqual(listed.map((m) => onClock(m.occurred_at)));
    // Text is stored as text in a workbook, never as a formula.
    expect(column(rows, 'Reason')[0]).toBe('=HYPERLINK("http://evil.example","click")');
  });

  it('localizes headers in Hungarian', async () => {
    const rows = await xlsxOf(await viewer.api.get(url('xlsx'), undefined, { 'accept-language': 'hu' }));
    expect(rows[0]).toEqual(expect.arrayContaining(['Időpont', 'Mennyiség', 'Raktár']));
  });

  it('an empty set is a workbook with the header row alone', async () => {
    const rows = await xlsxOf(
      await viewer.api.get(url('xlsx', `product_id=${product.id}&movement_type=scrap`)),
    );
    expect(rows).toHaveLength(1);
  });
});

describe('export rules', () => {
  it('an unknown format is 422 naming the formats, in the caller language', async () => {
    const en = await viewer.api.get(url('pdf'));
    expect(en.statusCode).toBe(422);
    expect(en.json()).toMatchObject({ error_code: 'VALIDATION_ERROR' });
    expect(en.json().errors).toEqual([
      expect.objectContaining({ field: 'format', message: expect.stringContaining('json, csv, xlsx') }),
    ]);
    const hu = await viewer.api.get(url('pdf'), undefined, { 'accept-language': 'hu' });
    expect(hu.json().errors[0].message).toContain('ezek egyike');
  });

  it('needs a token as the JSON list does: 401', async () => {
    const res = await t.app.inject({ method: 'GET', url: url('csv') });
    expect(res.statusCode).toBe(401);
  });

  it('is audited: who, which list, format, filters and rows', async () => {
    await viewer.api.get(url('xlsx'));
    const audited = async () =>
      (
        await t.admin.get(
          `/api/v1/audit-log?action=stock-movements.export&user_id=${viewer.id}&page_size=100`,
        )
      ).json().items as { actor_username: string; after: Record<string, unknown> }[];
    await waitFor(async () => (await audited()).some((e) => e.after.format === 'xlsx'), 'the audit row');
    const entry = (await audited()).find((e) => e.after.format === 'xlsx');
    expect(entry).toMatchObject({
      actor_username: viewer.username,
      after: { format: 'xlsx', filters: { product_id: product.id }, rows: 2, complete: true },
    });
  });
});
