import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyOf } from '../../helpers/api.js';
import { brief, csv, upload, xlsx } from '../../helpers/imports.js';
import { type Fixture, setupApp } from '../../helpers/setup.js';
import { createBin } from '../../helpers/stock.js';

let t: Fixture<readonly ['manager']>;
beforeAll(async () => {
  t = await setupApp({ users: ['manager'], warehouse: 'IMP1' });
  await createBin(t.app, t.admin.token, t.warehouse.id, 'A-01');
});
afterAll(() => t.close());

const productsBySku = async (search: string) =>
  bodyOf(await t.admin.get(`/api/v1/products?search=${encodeURIComponent(search)}&page_size=100`)).items as {
    sku: string;
    name: string;
    unit_price: number;
    unit_of_measure: string;
    category: string | null;
    tracking: string;
    is_active: boolean;
    barcode: string | null;
  }[];

const verifyClean = async () => {
  const verify = bodyOf(await t.admin.get('/api/v1/inventory/verify'));
  expect(verify).toMatchObject({ ok: true, mismatches: [] });
};

describe('products', () => {
  it('imports every row of a CSV in one go, visible through the products API', async () => {
    await t.admin.post('/api/v1/categories', { name: 'Irodaszer' });
    const res = await upload(
      t.users[0].api,
      'products',
      csv([
        [
          'sku',
          'name',
          'description',
          'category',
          'unit_of_measure',
          'unit_price',
          'barcode',
          'tracking',
          'is_active',
        ],
        [
          'PEN-001',
          'Golyóstoll kék',
          'Kék tinta',
          'irodaszer',
          'piece',
          '0.45',
          '5901234123457',
          'none',
          'yes',
        ],
        ['INK-002', 'Tinta 1 l', '', 'Irodaszer', 'l', '12.5', '', 'lot', ''],
        ['PAD-003', 'Jegyzettömb', '', '', '', '', '', '', 'no'],
      ]),
    );
    const created = bodyOf(res, 201);
    expect(created).toMatchObject({
      kind: 'products',
      status: 'done',
      format: 'csv',
      rows_total: 3,
      rows_done: 3,
      created: { products: 3, categories: 0 },
      error_count: 0,
      errors: [],
    });
    const found = Object.fromEntries(
      (await productsBySku('-00')).filter((p) => /^(PEN|INK|PAD)-/.test(p.sku)).map((p) => [p.sku, p]),
    );
    expect(found['PEN-001']).toMatchObject({
      name: 'Golyóstoll kék',
      unit_of_measure: 'pcs',
      unit_price: 0.45,
      category: 'Irodaszer',
      barcode: '5901234123457',
      is_active: true,
    });
    expect(found['INK-002']).toMatchObject({ unit_of_measure: 'l', tracking: 'lot', unit_price: 12.5 });
    // Inactive products are listed only when asked for.
    const inactive = bodyOf(await t.admin.get('/api/v1/products?search=PAD-003&is_active=false')).items;
    expect(inactive).toMatchObject([{ sku: 'PAD-003', is_active: false, unit_of_measure: 'pcs' }]);
    // Searchable at once: the search text is kept by the same trigger as for one product.
    expect((await productsBySku('golyostoll')).map((p) => p.sku)).toEqual(['PEN-001']);
    // The import is listed, and audited once.
    const list = bodyOf(await t.admin.get('/api/v1/imports?kind=products'));
    expect(list.items.map((i: { id: string }) => i.id)).toContain(created.id);
    const audit = bodyOf(await t.admin.get(`/api/v1/audit-log?entity_id=${created.id}`));
    expect(audit.items).toMatchObject([{ action: 'import.products', entity_type: 'import' }]);
  });

  it('reads an XLSX with Hungarian headers and values, numbers and booleans as cells', async () => {
    const file = await xlsx([
      ['Cikkszám', 'Megnevezés', 'Mértékegység', 'Egységár', 'Nyomonkövetés', 'Aktív', 'Eltarthatóság (nap)'],
      ['XL-001', 'Kávé prémium', 'kg', 2590.5, 'tétel', true, 365],
      ['XL-002', 'Tea', 'db', { formula: 'B1', result: 12 }, 'nincs', 'igen', null],
    ]);
    const res = await upload(t.admin, 'products', file, { filename: 'termekek.xlsx' });
    expect(bodyOf(res, 201)).toMatchObject({ format: 'xlsx', created: { products: 2 } });
    const found = Object.fromEntries((await productsBySku('XL-00')).map((p) => [p.sku, p]));
    expect(found['XL-001']).toMatchObject({ unit_of_measure: 'kg', unit_price: 2590.5, tracking: 'lot' });
    expect(found['XL-002']).toMatchObject({ unit_of_measure: 'pcs', unit_price: 12, tracking: 'none' });
  });

  it('reads XLSX opening stock row by row: date cells as dates, shared strings, the first sheet only', async () => {
    bodyOf(
      await upload(
        t.admin,
        'products',
        csv([
          ['sku', 'name', 'unit_of_measure', 'tracking'],
          ['XO-LOT', 'Yoghurt', 'pcs', 'lot'],
        ]),
      ),
      201,
    );
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('stock');
    sheet.addRow(['sku', 'warehouse_code', 'lot_number', 'expiry_date', 'quantity']);
    sheet.addRow(['XO-LOT', 'IMP1', 'Y-1', new Date('2027-05-31T00:00:00Z'), 7]);
    sheet.getColumn(4).numFmt = 'yyyy-mm-dd';
    // A second sheet is not read: its row would be refused.
    const notes = workbook.addWorksheet('notes');
    notes.addRow(['sku', 'warehouse_code', 'quantity']);
    notes.addRow(['NO-SUCH', 'IMP1', 'x']);
    const file = Buffer.from(await workbook.xlsx.writeBuffer());
    const res = await upload(t.admin, 'opening-stock', file, { filename: 'nyito.xlsx' });
    expect(bodyOf(res, 201)).toMatchObject({ format: 'xlsx', created: { movements: 1 } });
    const fefo = bodyOf(await t.admin.get(`/api/v1/reports/fefo?warehouse_id=${t.warehouse.id}`));
    expect(fefo.items).toMatchObject([{ lot_number: 'Y-1', expiry_date: '2027-05-31', quantity: 7 }]);
  });

  it('reads a Hungarian CSV: `;` separated, decimal comma, Windows-1250', async () => {
    const text = csv(
      [
        ['Cikkszám', 'Megnevezés', 'Egységár'],
        ['HU-001', 'Őszibarack befőtt', '1 299,90'],
      ],
      ';',
    );
    // Written the way Hungarian Excel saves CSV: Windows-1250, where Ő is 0xD5 and ő 0xF5.
    const bytes = Buffer.from([...text].map((c) => ({ Ő: 0xd5, ő: 0xf5 })[c] ?? c.charCodeAt(0)));
    const res = await upload(t.admin, 'products', bytes);
    expect(bodyOf(res, 201)).toMatchObject({ created: { products: 1 } });
    expect((await productsBySku('HU-001'))[0]).toMatchObject({
      name: 'Őszibarack befőtt',
      unit_price: 1299.9,
    });
  });

  it('creates the categories a file names only when asked to', async () => {
    const file = csv([
      ['sku', 'name', 'category'],
      ['CAT-1', 'One', 'Brand new'],
      ['CAT-2', 'Two', 'brand NEW'],
    ]);
    const refused = bodyOf(await upload(t.admin, 'products', file), 422);
    expect(refused.errors).toMatchObject([
      { row: 2, column: 'category', error_code: 'CATEGORY_NOT_FOUND' },
      { row: 3, column: 'category', error_code: 'CATEGORY_NOT_FOUND' },
    ]);
    const res = await upload(t.admin, 'products', file, { query: 'create_categories=true' });
    expect(bodyOf(res, 201).created).toEqual({ products: 2, categories: 1 });
    expect((await productsBySku('CAT-')).map((p) => p.category)).toEqual(['Brand new', 'Brand new']);
  });
});

describe('all or nothing, and every problem listed', () => {
  it('changes nothing when one row of many is bad', async () => {
    const rows = [['sku', 'name', 'unit_price']];
    for (let i = 0; i < 50; i += 1) rows.push([`AON-${i}`, `Product ${i}`, '1']);
    rows.push(['AON-50', 'Bad price', 'abc']);
    const res = await upload(t.admin, 'products', csv(rows));
    expect(bodyOf(res, 422)).toMatchObject({
      error_code: 'IMPORT_INVALID_ROWS',
      error_count: 1,
      errors: [{ row: 52, column: 'unit_price', error_code: 'NOT_A_NUMBER', message: 'must be a number' }],
    });
    expect(await productsBySku('AON-')).toEqual([]);
  });

  it('lists every problem with its row and column, in the caller language', async () => {
    await upload(
      t.admin,
      'products',
      csv([
        ['sku', 'name'],
        ['TAKEN-1', 'Taken'],
      ]),
    );
    const res = await upload(
      t.admin,
      'products',
      csv([
        ['sku', 'name', 'unit_price', 'unit_of_measure', 'barcode', 'tracking', 'shelf_life_days'],
        ['OK-1', 'Fine', '1', 'pcs', '', '', ''],
        ['TAKEN-1', 'Taken', '1', 'pcs', '', '', ''],
        ['', 'No SKU', '-5', 'parsec', '12345678', 'serial', '2.5'],
        ['OK-1', 'Again', '1.00001', '', '', '', ''],
      ]),
      { headers: { 'accept-language': 'hu' } },
    );
    const body = bodyOf(res, 422);
    expect(body.detail).toMatch(/^A fájlban talált hibák száma: 9\./);
    expect(brief(body)).toEqual([
      [3, 'sku', 'SKU_TAKEN'],
      [4, 'sku', 'REQUIRED'],
      [4, 'unit_price', 'OUT_OF_RANGE'],
      [4, 'tracking', 'INVALID_VALUE'],
      [4, 'shelf_life_days', 'INVALID_TYPE'],
      [4, 'barcode', 'INVALID_BARCODE'],
      [4, 'unit_of_measure', 'UNKNOWN_UNIT'],
      [5, 'sku', 'DUPLICATE_IN_FILE'],
      [5, 'unit_price', 'TOO_PRECISE'],
    ]);
    expect(body.errors[7].message).toBe('a(z) OK-1 ismét szerepel a fájlban (2. sor)');
    expect(body.errors[0].message).toBe('A(z) TAKEN-1 cikkszám már foglalt (inaktív termék is foglalhatja).');
    expect(await productsBySku('OK-1')).toEqual([]);
  });

  it('a dry run checks every row, says what would be created and changes nothing', async () => {
    const file = csv([
      ['sku', 'name'],
      ['DRY-1', 'One'],
      ['DRY-2', 'Two'],
    ]);
    const res = await upload(t.admin, 'products', file, { query: 'dry_run=true' });
    expect(bodyOf(res, 200)).toEqual({
      dry_run: true,
      kind: 'products',
      format: 'csv',
      rows_total: 2,
      would_create: { products: 2, categories: 0 },
    });
    expect(await productsBySku('DRY-')).toEqual([]);
    const bad = await upload(
      t.admin,
      'products',
      csv([
        ['sku', 'name'],
        ['DRY-3', ''],
      ]),
      { query: 'dry_run=true' },
    );
    expect(bodyOf(bad, 422).errors).toMatchObject([{ row: 2, column: 'name', error_code: 'REQUIRED' }]);
  });
});

describe('opening stock', () => {
  it('posts every row through the ledger: balances as imported, verify clean', async () => {
    const products = csv([
      ['sku', 'name', 'unit_of_measure', 'tracking'],
      ['OS-PCS', 'Pieces', 'pcs', 'none'],
      ['OS-KG', 'Flour', 'kg', 'none'],
      ['OS-LOT', 'Milk', 'l', 'lot'],
    ]);
    bodyOf(await upload(t.admin, 'products', products), 201);
    const res = await upload(
      t.users[0].api,
      'opening-stock',
      csv([
        ['sku', 'warehouse_code', 'bin_code', 'lot_number', 'expiry_date', 'quantity', 'unit_cost'],
        ['os-pcs', 'imp1', '', '', '', '10', '2.5'],
        ['OS-PCS', 'IMP1', 'a-01', '', '', '4', ''],
        ['OS-KG', 'IMP1', 'A-01', '', '', '12.345', '0.8'],
        ['OS-LOT', 'IMP1', '', 'L-1', '2027-03-31', '6.5', ''],
        ['OS-LOT', 'IMP1', 'A-01', 'L-1', '2027.03.31.', '1', ''],
      ]),
    );
    const created = bodyOf(res, 201);
    expect(created).toMatchObject({ kind: 'opening_stock', created: { movements: 5 }, rows_done: 5 });
    const balances = bodyOf(
      await t.admin.get(`/api/v1/inventory/balances?warehouse_id=${t.warehouse.id}&page_size=100`),
    );
    const held = balances.items
      .map(
        (b: {
          product_sku?: string;
          sku?: string;
          on_hand: number;
          bin_code?: string;
          lot_number?: string;
        }) => b,
      )
      .reduce((sum: number, b: { on_hand: number }) => sum + b.on_hand, 0);
    expect(held).toBeCloseTo(10 + 4 + 12.345 + 6.5 + 1, 6);
    const movements = bodyOf(
      await t.admin.get('/api/v1/stock-movements?reference_number=&page_size=100'),
    ).items.filter((m: { reference_id: string }) => m.reference_id === created.id);
    expect(movements).toHaveLength(5);
    expect(
      movements.every(
        (m: { movement_type: string; reason: string }) =>
          m.movement_type === 'receipt' && m.reason === 'opening_stock',
      ),
    ).toBe(true);
    await verifyClean();
    // A balance opens once: the same file again is refused row by row.
    const again = await upload(
      t.admin,
      'opening-stock',
      csv([
        ['sku', 'warehouse_code', 'quantity'],
        ['OS-PCS', 'IMP1', '10'],
      ]),
    );
    expect(bodyOf(again, 422).errors).toMatchObject([
      { row: 2, column: 'sku', error_code: 'OPENING_STOCK_EXISTS' },
    ]);
  });

  it('refuses unknown references, missing lots, too many decimals and duplicate rows, posting nothing', async () => {
    bodyOf(
      await upload(
        t.admin,
        'products',
        csv([
          ['sku', 'name', 'tracking'],
          ['OSB-1', 'Plain', 'none'],
          ['OSB-LOT', 'Lotted', 'lot'],
        ]),
      ),
      201,
    );
    const before = bodyOf(await t.admin.get('/api/v1/stock-movements?page_size=1')).total;
    const res = await upload(
      t.admin,
      'opening-stock',
      csv([
        ['sku', 'warehouse_code', 'bin_code', 'lot_number', 'quantity'],
        ['NOPE', 'IMP1', '', '', '1'],
        ['OSB-1', 'NOWHERE', '', '', '1'],
        ['OSB-1', 'IMP1', 'Z-99', '', '1'],
        ['OSB-1', 'IMP1', '', '', '1.5'],
        ['OSB-LOT', 'IMP1', '', '', '1'],
        ['OSB-1', 'IMP1', '', 'L-9', '2'],
        ['OSB-1', 'IMP1', 'A-01', '', '0'],
        ['OSB-1', 'IMP1', 'A-01', '', '3'],
        ['OSB-1', 'IMP1', 'a-01', '', '3'],
      ]),
    );
    expect(brief(bodyOf(res, 422))).toEqual([
      [2, 'sku', 'PRODUCT_NOT_FOUND'],
      [3, 'warehouse_code', 'WAREHOUSE_NOT_FOUND'],
      [4, 'bin_code', 'BIN_NOT_FOUND'],
      [5, 'quantity', 'QUANTITY_TOO_PRECISE'],
      [6, 'lot_number', 'LOT_REQUIRED'],
      [7, 'lot_number', 'PRODUCT_NOT_LOT_TRACKED'],
      [8, 'quantity', 'OUT_OF_RANGE'],
      [9, 'sku', 'DUPLICATE_IN_FILE'],
      [10, 'sku', 'DUPLICATE_IN_FILE'],
    ]);
    expect(bodyOf(await t.admin.get('/api/v1/stock-movements?page_size=1')).total).toBe(before);
    await verifyClean();
  });
});

describe('opening stock, twice at once', () => {
  it('opens a balance once when the same file is uploaded concurrently', async () => {
    bodyOf(
      await upload(
        t.admin,
        'products',
        csv([
          ['sku', 'name'],
          ['RACE-1', 'Raced'],
          ['RACE-2', 'Raced too'],
        ]),
      ),
      201,
    );
    const file = csv([
      ['sku', 'warehouse_code', 'quantity'],
      ['RACE-1', 'IMP1', '7'],
      ['RACE-2', 'IMP1', '3'],
    ]);
    const answers = await Promise.all(
      Array.from({ length: 4 }, () => upload(t.admin, 'opening-stock', file)),
    );
    const statuses = answers.map((res) => res.statusCode).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    for (const res of answers.filter((r) => r.statusCode !== 201)) {
      expect(['IMPORT_CONFLICT', 'IMPORT_INVALID_ROWS']).toContain(res.json().error_code);
    }
    const products = bodyOf(await t.admin.get('/api/v1/products?search=RACE-&page_size=10')).items;
    expect(products.map((p: { sku: string; on_hand: number }) => [p.sku, p.on_hand]).sort()).toEqual([
      ['RACE-1', 7],
      ['RACE-2', 3],
    ]);
    await verifyClean();
  });
});

describe('bins and partners', () => {
  it('imports bins into warehouses named by code, refusing codes that exist', async () => {
    const res = await upload(
      t.admin,
      'bins',
      csv([
        ['warehouse_code', 'code', 'type', 'capacity', 'is_active'],
        ['IMP1', 'B-01', 'picking', '50', ''],
        ['IMP1', 'B-02', 'karantén', '', 'nem'],
      ]),
    );
    expect(bodyOf(res, 201).created).toEqual({ bins: 2 });
    const bins = bodyOf(
      await t.admin.get(`/api/v1/warehouses/${t.warehouse.id}/bins?search=B-0&page_size=100`),
    ).items;
    expect(bins).toMatchObject([
      { code: 'B-01', type: 'picking', capacity: 50, is_active: true },
      { code: 'B-02', type: 'quarantine', is_active: false },
    ]);
    const clash = await upload(
      t.admin,
      'bins',
      csv([
        ['warehouse_code', 'code'],
        ['IMP1', 'b-01'],
        ['NOPE', 'X'],
      ]),
    );
    expect(bodyOf(clash, 422).errors).toMatchObject([
      { row: 2, column: 'code', error_code: 'BIN_CODE_TAKEN' },
      { row: 3, column: 'warehouse_code', error_code: 'WAREHOUSE_NOT_FOUND' },
    ]);
  });

  it('imports suppliers and customers by a kind column, or all of one kind by ?kind=', async () => {
    const res = await upload(
      t.admin,
      'partners',
      csv([
        ['kind', 'code', 'name', 'email', 'phone'],
        ['supplier', 'SUP-IMP', 'Textil Kft.', 'Rendeles@Textil.example.hu', '06 30 123 4567'],
        ['vevő', 'CUS-IMP', 'Vevő Bt.', '', ''],
      ]),
    );
    expect(bodyOf(res, 201).created).toEqual({ suppliers: 1, customers: 1 });
    const suppliers = bodyOf(await t.admin.get('/api/v1/suppliers?search=SUP-IMP')).items;
    expect(suppliers).toMatchObject([
      { code: 'SUP-IMP', email: 'rendeles@textil.example.hu', phone: '+36301234567' },
    ]);
    expect(bodyOf(await t.admin.get('/api/v1/customers?search=CUS-IMP')).items).toMatchObject([
      { name: 'Vevő Bt.' },
    ]);
    const customers = await upload(
      t.admin,
      'partners',
      csv([
        ['code', 'name'],
        ['CUS-2', 'Second'],
      ]),
      {
        query: 'kind=customer',
      },
    );
    expect(bodyOf(customers, 201).created).toEqual({ suppliers: 0, customers: 1 });
    const refused = await upload(
      t.admin,
      'partners',
      csv([
        ['kind', 'code', 'name', 'email', 'phone'],
        ['supplier', 'sup-imp', 'Again', '', ''],
        ['', 'X-1', 'No kind', 'not-an-email', 'call me'],
      ]),
    );
    expect(bodyOf(refused, 422).errors).toMatchObject([
      { row: 2, column: 'code', error_code: 'SUPPLIER_CODE_TAKEN' },
      { row: 3, column: 'email', error_code: 'INVALID_FORMAT' },
      { row: 3, column: 'kind', error_code: 'REQUIRED' },
      { row: 3, column: 'phone', error_code: 'INVALID_PHONE' },
    ]);
  });
});

describe('templates', () => {
  it('gives each kind a CSV and an XLSX template in the caller language that imports as it is', async () => {
    const en = await t.admin.get('/api/v1/imports/products/template');
    expect(en.statusCode).toBe(200);
    expect(en.headers['content-type']).toMatch(/^text\/csv/);
    expect(en.headers['content-disposition']).toBe('attachment; filename="raktar-products-template.csv"');
    const lines = en.body
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      'sku,name,description,category,unit_of_measure,unit_price,barcode,tracking,shelf_life_days,reorder_point,is_active',
    );
    expect(lines).toHaveLength(2);
    const hu = await t.admin.get('/api/v1/imports/opening-stock/template', undefined, {
      'accept-language': 'hu',
    });
    expect(hu.body.replace(/^\ufeff/, '').split('\r\n')[0]).toBe(
      'Cikkszám;Raktárkód;Tárhelykód;Tételszám;Lejárat;Mennyiség;Egységköltség',
    );
    const book = await t.admin.app.inject({
      method: 'GET',
      url: '/api/v1/imports/partners/template?format=xlsx',
      headers: { authorization: `Bearer ${t.admin.token}`, 'accept-language': 'hu' },
    });
    expect(book.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(book.rawPayload as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets[0]?.getRow(1).getCell(2).value).toBe('Kód');
    // The templates' example rows import (the partner one as it stands, in Hungarian, as XLSX).
    expect(
      bodyOf(await upload(t.admin, 'partners', book.rawPayload, { filename: 'p.xlsx' }), 201).created,
    ).toEqual({
      suppliers: 1,
      customers: 0,
    });
    const bins = await t.admin.get('/api/v1/imports/bins/template', undefined, { 'accept-language': 'hu' });
    const binsFile = bins.body.replace('BP1', 'IMP1');
    expect(bodyOf(await upload(t.admin, 'bins', binsFile), 201).created).toEqual({ bins: 1 });
  });
});
