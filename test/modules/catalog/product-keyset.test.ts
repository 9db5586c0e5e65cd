// Products paged by keyset cursor: the same rows and order as the numbered pages, in every order
// but by stock, an exact SKU first, rows renamed or added between pages, bad cursors, access.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyOf } from '../../helpers/api.js';
import { type ApiUser, type Fixture, setupApp } from '../../helpers/setup.js';

let t: Fixture<['warehouse', 'viewer']>;
let worker: ApiUser;
let viewer: ApiUser;

beforeAll(async () => {
  t = await setupApp({ users: ['warehouse', 'viewer'] });
  [worker, viewer] = t.users;
});
afterAll(() => t.close());

interface Item {
  id: string;
  sku: string;
  name: string;
}
interface CursorPage {
  items: Item[];
  next_cursor: string | null;
}

const product = async (sku: string, name: string, extra: object = {}) =>
  bodyOf<Item>(await worker.api.post('/api/v1/products', { sku, name, ...extra }), 201);

const cursorPage = async (query: string, cursor: string) =>
  bodyOf<CursorPage>(await viewer.api.get(`/api/v1/products?${query}&cursor=${encodeURIComponent(cursor)}`));

/** Every page by cursor, `first` to the last; fails on a page that comes back empty before the end. */
async function walk(query: string): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let cursor: string | null = 'first';
  let pages = 0;
  while (cursor !== null) {
    const page: CursorPage = await cursorPage(query, cursor);
    if (page.next_cursor !== null) expect(page.items.length).toBeGreaterThan(0);
    ids.push(...page.items.map((item) => item.id));
    cursor = page.next_cursor;
    pages++;
  }
  return { ids, pages };
}

const numbered = async (query: string) =>
  bodyOf<{ items: Item[] }>(await viewer.api.get(`/api/v1/products?${query}&page_size=100`)).items.map(
    (item) => item.id,
  );

const SORTS = ['name_asc', 'name_desc', 'sku_asc', 'sku_desc', 'created_asc', 'created_desc'];

describe('products by keyset cursor', () => {
  it('walks every product once, in the numbered pages’ order, in every order but by stock', async () => {
    // Names that tie (the id breaks the tie), accents, and cases.
    const names = ['Alma', 'alma', 'Álom', 'Körte', 'Körte', 'Körte', 'Zab', 'kávé', 'Kávé', 'Barack'];
    for (const [i, name] of names.entries())
      await product(`WALK-${String(i).padStart(2, '0')}`, `${name} walk`);
    for (const sort of SORTS) {
      const query = `search=walk&sort_by=${sort}&page_size=3`;
      const { ids, pages } = await walk(query);
      expect(ids, sort).toEqual(await numbered(`search=walk&sort_by=${sort}`));
      expect(ids).toHaveLength(names.length);
      expect(pages).toBe(Math.ceil(names.length / 3));
    }
    // Without a search too, and with a page size that divides the rows exactly: no empty last page.
    const all = await numbered('sort_by=name_asc');
    const { ids } = await walk(`sort_by=name_asc&page_size=${all.length}`);
    expect(ids).toEqual(all);
  });

  it('puts an exact SKU first and carries on past it into the other matches', async () => {
    await product('EXACT-1', 'Zsák exact');
    await product('EXACT-10', 'Alma exact');
    await product('EXACT-11', 'Barack exact');
    const query = 'search=exact-1&sort_by=name_asc&page_size=1';
    const first = await cursorPage(query, 'first');
    expect(first.items.map((item) => item.sku)).toEqual(['EXACT-1']);
    const { ids } = await walk(query);
    expect(ids).toEqual(await numbered('search=exact-1&sort_by=name_asc'));
    expect(ids).toHaveLength(3);
  });

  it('continues where the last page ended when products are renamed or added between pages', async () => {
    for (const letter of 'ABCDEFGH') await product(`MOVE-${letter}`, `${letter} move`);
    const query = 'search=move&sort_by=name_asc&page_size=3';
    const first = await cursorPage(query, 'first');
    expect(first.items.map((item) => item.name)).toEqual(['A move', 'B move', 'C move']);
    // The last row of the page moves to the end, and a new one lands before the cursor.
    const last = first.items[2] as Item;
    const current = bodyOf<{ version: number }>(await viewer.api.get(`/api/v1/products/${last.id}`));
    bodyOf(
      await worker.api.patch(`/api/v1/products/${last.id}`, { name: 'Z move', version: current.version }),
    );
    await product('MOVE-AA', 'AA move');
    const rest: string[] = [];
    let cursor = first.next_cursor;
    while (cursor !== null) {
      const page = await cursorPage(query, cursor);
      rest.push(...page.items.map((item) => item.name));
      cursor = page.next_cursor;
    }
    expect(rest).toEqual(['D move', 'E move', 'F move', 'G move', 'H move', 'Z move']);
  });

  it('stays in order and never repeats a product while others are created all along', async () => {
    const created = Promise.all(
      Array.from({ length: 16 }, (_, i) => product(`RACE-${i}`, `${String.fromCharCode(65 + i)} race`)),
    );
    const seen: Item[] = [];
    let cursor: string | null = 'first';
    while (cursor !== null) {
      const page: CursorPage = await cursorPage('search=race&sort_by=name_asc&page_size=2', cursor);
      seen.push(...page.items);
      cursor = page.next_cursor;
    }
    await created;
    expect(new Set(seen.map((item) => item.id)).size).toBe(seen.length);
    const names = seen.map((item) => item.name);
    expect(names).toEqual([...names].sort());
    // Created before the walk began or not, every product is on a walk that starts afterwards.
    expect((await walk('search=race&sort_by=name_asc&page_size=2')).ids).toHaveLength(16);
  });

  it('refuses a cursor it did not hand out, for another order, or with an order by stock', async () => {
    await product('BAD-1', 'Bad one');
    await product('BAD-2', 'Bad two');
    const byName = (await cursorPage('search=bad&sort_by=name_asc&page_size=1', 'first'))
      .next_cursor as string;
    const refused = async (query: string, code: string, status = 422) => {
      const res = await viewer.api.get(`/api/v1/products?${query}`);
      expect(res.statusCode, query).toBe(status);
      expect(res.json().error_code, query).toBe(code);
    };
    await refused(`sort_by=sku_asc&cursor=${byName}`, 'INVALID_CURSOR');
    await refused('cursor=first&sort_by=stock_desc', 'CURSOR_WITH_STOCK_ORDER');
    await refused('cursor=not%20a%20cursor', 'VALIDATION_ERROR');
    await refused(`cursor=${'A'.repeat(9000)}`, 'VALIDATION_ERROR');
    const forged = (position: unknown) => Buffer.from(JSON.stringify(position)).toString('base64url');
    const id = '01936d3e-8f2a-7c4b-9e1d-5a6b7c8d9e30';
    for (const position of [
      { not: 'an array' },
      ['name_asc', false, 'Bad one'],
      ['name_asc', 'no', 'Bad one', id],
      ['name_asc', false, 7, id],
      ['name_asc', false, 'Bad one', 'not-an-id'],
      ['name_asc', false, 'Bad\u0000one', id],
      ['name_asc', false, 'Bad one', id, 'more'],
      ['created_asc', false, '99999999999999999999', id],
      ['created_asc', false, '1e3', id],
    ]) {
      await refused(
        `sort_by=${Array.isArray(position) ? position[0] : 'name_asc'}&cursor=${forged(position)}`,
        'INVALID_CURSOR',
      );
    }
    await refused('cursor=AAAA', 'INVALID_CURSOR');
    const hu = await viewer.api.get(`/api/v1/products?sort_by=sku_asc&cursor=${byName}`, undefined, {
      'accept-language': 'hu',
    });
    expect(hu.json().detail).toContain('kurzor');
    // A well-formed position no product holds: the products after it, as any other.
    const last = 'ffffffff-ffff-7fff-bfff-ffffffffffff';
    const past = await cursorPage(
      'search=bad&sort_by=name_asc',
      forged(['name_asc', false, 'Bad one', last]),
    );
    expect(past.items.map((item) => item.name)).toEqual(['Bad two']);
  });

  it('needs a token, as the numbered pages do', async () => {
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/v1/products?cursor=first' });
    expect(anonymous.statusCode).toBe(401);
  });
});
