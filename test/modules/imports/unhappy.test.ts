import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, bodyOf } from '../../helpers/api.js';
import { brief, csv, multipart, upload, xlsx } from '../../helpers/imports.js';
import { type Fixture, setupApp } from '../../helpers/setup.js';

let t: Fixture<readonly ['warehouse', 'viewer']>;
beforeAll(async () => {
  t = await setupApp({
    users: ['warehouse', 'viewer'],
    warehouse: 'UH1',
    config: { importMaxBytes: 16_384 },
  });
});
afterAll(() => t.close());

const products = (...rows: (string | number | null)[][]) => csv([['sku', 'name'], ...rows]);
const count = async (search: string) =>
  bodyOf(await t.admin.get(`/api/v1/products?search=${search}&include_inactive=true`)).total as number;

describe('who may import', () => {
  it('401 without a token, 403 for warehouse staff and viewers, on every kind', async () => {
    const file = products(['WHO-1', 'One']);
    for (const kind of ['products', 'opening-stock', 'bins', 'partners']) {
      expect((await upload(api(t.app), kind, file)).statusCode).toBe(401);
      expect(bodyOf(await upload(t.users[0].api, kind, file), 403).error_code).toBe('FORBIDDEN');
      expect((await upload(t.users[1].api, kind, file)).statusCode).toBe(403);
    }
    expect((await t.users[0].api.get('/api/v1/imports')).statusCode).toBe(403);
    // Templates are for everyone who may read the inventory.
    expect((await t.users[1].api.get('/api/v1/imports/bins/template')).statusCode).toBe(200);
    expect(await count('WHO-1')).toBe(0);
  });
});

describe('what is not an import file', () => {
  it('415 for a body that is not a form, or a file that is neither CSV nor XLSX', async () => {
    const json = await t.admin.post('/api/v1/imports/products', { sku: 'X', name: 'Y' });
    expect(bodyOf(json, 415).error_code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(json.json().detail).toMatch(/multipart\/form-data/);
    const raw = await t.admin.post('/api/v1/imports/products', 'sku,name\nA,B\n', {
      'content-type': 'text/csv',
    });
    expect(raw.statusCode).toBe(415);
    const xls = await upload(t.admin, 'products', 'whatever', { filename: 'old.xls' });
    expect(bodyOf(xls, 415).error_code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const png = await upload(t.admin, 'products', 'whatever', { filename: 'file', contentType: 'image/png' });
    expect(png.statusCode).toBe(415);
  });

  it('413 for a file over IMPORT_MAX_BYTES', async () => {
    const big = products(...Array.from({ length: 1000 }, (_, i) => [`BIG-${i}`, `Product number ${i}`]));
    const res = await upload(t.admin, 'products', big);
    expect(bodyOf(res, 413)).toMatchObject({ error_code: 'PAYLOAD_TOO_LARGE' });
    expect(res.json().detail).toContain('16384');
    expect(await count('BIG-')).toBe(0);
  });

  it('422 for a form without a file, an empty file, a header only, or wrong headers', async () => {
    const boundary = 'xyz';
    const noFile = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports/products',
      headers: {
        authorization: `Bearer ${t.admin.token}`,
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n--${boundary}--\r\n`,
    });
    expect(bodyOf(noFile, 422)).toMatchObject({
      error_code: 'VALIDATION_ERROR',
      errors: [{ field: 'file' }],
    });
    expect(bodyOf(await upload(t.admin, 'products', ''), 422).error_code).toBe('IMPORT_EMPTY_FILE');
    expect(bodyOf(await upload(t.admin, 'products', 'sku,name\r\n\r\n,\r\n'), 422).error_code).toBe(
      'IMPORT_EMPTY_FILE',
    );
    const wrong = bodyOf(await upload(t.admin, 'products', 'code,title,sku\nA,B,C\n'), 422);
    expect(wrong.error_code).toBe('IMPORT_INVALID_ROWS');
    expect(wrong.errors).toEqual([
      expect.objectContaining({ row: 1, column: 'code', error_code: 'UNKNOWN_COLUMN' }),
      expect.objectContaining({ row: 1, column: 'title', error_code: 'UNKNOWN_COLUMN' }),
      expect.objectContaining({ row: 1, column: 'name', error_code: 'MISSING_COLUMN' }),
    ]);
    const doubled = bodyOf(await upload(t.admin, 'products', 'sku,name,Cikkszám\nA,B,C\n'), 422);
    expect(doubled.errors).toMatchObject([{ row: 1, column: 'Cikkszám', error_code: 'DUPLICATE_COLUMN' }]);
    const missingHu = await upload(t.admin, 'bins', 'code\nA\n', { headers: { 'accept-language': 'hu' } });
    expect(bodyOf(missingHu, 422).errors).toMatchObject([
      { column: 'Raktárkód', error_code: 'MISSING_COLUMN' },
    ]);
  });

  it('422 for a file that is not what it claims, or a CSV broken mid-way', async () => {
    const fake = await upload(t.admin, 'products', 'not a zip at all', { filename: 'fake.xlsx' });
    expect(bodyOf(fake, 422)).toMatchObject({ error_code: 'IMPORT_UNREADABLE_FILE' });
    const broken = await upload(t.admin, 'products', 'sku,name\nA,"unclosed\n');
    expect(bodyOf(broken, 422)).toMatchObject({ error_code: 'IMPORT_UNREADABLE_FILE' });
  });
});

describe('hostile content never gives a 5xx and changes nothing', () => {
  it('refuses NUL bytes, broken Unicode, formulas, huge and tiny numbers cell by cell', async () => {
    const res = await upload(
      t.admin,
      'products',
      csv([
        ['sku', 'name', 'unit_price', 'shelf_life_days', 'reorder_point'],
        ['H-1', 'nul\u0000byte', '1', '', ''],
        ['H-2', "=cmd|' /C calc'!A0", '1e99999999', '1e400', ''],
        ['H-3', '@SUM(1+1)', '-1e-99999', '99999999999999999999', 'NaN'],
        ['H-4', 'not a \ufffe character', 'Infinity', '0x10', '1,5'],
        ['H-5', 'ok', '0.00000000000000000000001', '', ''],
      ]),
    );
    const body = bodyOf(res, 422);
    expect(brief(body)).toEqual([
      [2, 'name', 'TEXT_UNSTORABLE'],
      [3, 'name', 'FORMULA_NOT_ALLOWED'],
      [3, 'unit_price', 'OUT_OF_RANGE'],
      [3, 'shelf_life_days', 'OUT_OF_RANGE'],
      [4, 'reorder_point', 'NOT_A_NUMBER'],
      [4, 'shelf_life_days', 'OUT_OF_RANGE'],
      [4, 'unit_price', 'TOO_PRECISE'],
      [5, 'name', 'TEXT_UNSTORABLE'],
      [5, 'unit_price', 'NOT_A_NUMBER'],
      [5, 'shelf_life_days', 'NOT_A_NUMBER'],
      [5, 'reorder_point', 'NOT_A_NUMBER'],
      [6, 'unit_price', 'TOO_PRECISE'],
    ]);
    expect(await count('H-')).toBe(0);
  });

  it('refuses XLSX formulas without a computed value, and error cells', async () => {
    const file = await xlsx([
      ['sku', 'name', 'unit_price'],
      ['F-1', { formula: 'HYPERLINK("http://x","y")' } as never, 1],
      ['F-2', 'Fine', { error: '#DIV/0!' } as never],
    ]);
    const body = bodyOf(await upload(t.admin, 'products', file, { filename: 'f.xlsx' }), 422);
    expect(body.errors).toMatchObject([
      { row: 2, column: 'name', error_code: 'FORMULA_NOT_ALLOWED' },
      {
        row: 3,
        column: 'unit_price',
        error_code: 'CELL_ERROR',
        message: 'holds the spreadsheet error #DIV/0!',
      },
    ]);
  });

  it('survives garbage bytes, a zip of nothing, long lines and a multipart cut short', async () => {
    const garbage = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7919) % 256));
    for (const [content, filename] of [
      [garbage, 'g.csv'],
      [garbage, 'g.xlsx'],
      [Buffer.from([0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)]), 'empty.xlsx'],
      [`sku,name\n${'A'.repeat(3500)},x\n`, 'long.csv'],
    ] as const) {
      const res = await upload(t.admin, 'products', content, { filename });
      expect(res.statusCode, `${filename}: ${res.body}`).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, `${filename}: ${res.body}`).toBeLessThan(500);
    }
    // A byte-order mark and quotes inside quotes are read as meant.
    const quoted = await upload(t.admin, 'products', '\ufeffsku;name\n"BOM-a""b";c\n', {
      filename: 'bom.csv',
    });
    expect(bodyOf(quoted, 201).created).toMatchObject({ products: 1 });
    expect(await count('BOM-a')).toBe(1);
    const { payload, headers } = multipart(products(['CUT-1', 'One']), 'cut.csv');
    const cut = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports/products',
      headers: { ...headers, authorization: `Bearer ${t.admin.token}` },
      payload: payload.subarray(0, payload.length - 30),
    });
    expect(cut.statusCode).toBeGreaterThanOrEqual(400);
    expect(cut.statusCode).toBeLessThan(500);
    expect(await count('CUT-')).toBe(0);
  });
});

describe('Idempotency-Key', () => {
  it('replays the answer of a retried upload and imports once; another file under the key is 422', async () => {
    const file = products(['IDEM-1', 'Once']);
    const headers = { 'idempotency-key': 'import-idem-1' };
    const first = await upload(t.admin, 'products', file, { headers });
    const again = await upload(t.admin, 'products', file, { headers });
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().id).toBe(first.json().id);
    expect(await count('IDEM-1')).toBe(1);
    const other = await upload(t.admin, 'products', products(['IDEM-2', 'Other']), { headers });
    expect(bodyOf(other, 422).error_code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await count('IDEM-2')).toBe(0);
  });
});

describe('an import by id', () => {
  it('404 for an import that does not exist, 422 for a malformed id or kind', async () => {
    const missing = await t.admin.get('/api/v1/imports/01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e0f');
    expect(bodyOf(missing, 404).error_code).toBe('IMPORT_NOT_FOUND');
    expect((await t.admin.get('/api/v1/imports/not-a-uuid')).statusCode).toBe(422);
    expect((await t.admin.get('/api/v1/imports/widgets/template')).statusCode).toBe(422);
    expect((await t.admin.get('/api/v1/imports/products/template?format=pdf')).statusCode).toBe(422);
  });
});
