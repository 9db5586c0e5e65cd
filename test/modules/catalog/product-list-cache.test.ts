import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/app.js';
import { api, bodyOf } from '../../helpers/api.js';
import { type ApiUser, type Fixture, setupApp } from '../../helpers/setup.js';
import { receive } from '../../helpers/stock.js';

let t: Fixture<['warehouse', 'viewer']>;
let worker: ApiUser;
let viewer: ApiUser;

beforeAll(async () => {
  t = await setupApp({ users: ['warehouse', 'viewer'], warehouse: true });
  [worker, viewer] = t.users;
});
afterAll(() => t.close());

interface ProductPage {
  items: { id: string; sku: string; name: string; on_hand: number; category: string | null }[];
  total: number;
}

const list = async (query: string, reader = viewer.api) =>
  bodyOf<ProductPage>(await reader.get(`/api/v1/products?${query}`));
const skus = (page: ProductPage) => page.items.map((p) => p.sku);

const product = async (fields: object) =>
  bodyOf<{ id: string; sku: string; version: number }>(
    await worker.api.post('/api/v1/products', fields),
    201,
  );

/** Inserts a product with the triggers off, as nothing in the service can: the page cannot know. */
async function insertUnnoticed(sku: string, name: string) {
  const client = await t.database.pool.connect();
  try {
    await client.query('begin');
    await client.query('set local session_replication_role = replica');
    await client.query(
      `insert into products (id, sku, name, search_text) values (raktar_uuidv7(), $1, $2, raktar_search_text($2 || ' ' || $1))`,
      [sku, name],
    );
    await client.query('commit');
  } finally {
    client.release();
  }
}

describe('remembered product pages', () => {
  it('are reused: a product written behind the triggers stays unseen until a product changes', async () => {
    await product({ sku: 'MEMO-1', name: 'Memo tea' });
    expect(skus(await list('search=memo'))).toEqual(['MEMO-1']);
    await insertUnnoticed('MEMO-2', 'Memo kávé');
    // The second read is the remembered page: the unnoticed row is not in it.
    expect(skus(await list('search=memo'))).toEqual(['MEMO-1']);
    // Any product written the normal way makes every remembered page stale.
    await product({ sku: 'OTHER-1', name: 'Unrelated' });
    expect(skus(await list('search=memo'))).toEqual(['MEMO-2', 'MEMO-1']);
  });

  it('show a product created, renamed or deactivated at once', async () => {
    const before = await list('search=fresh');
    expect(before.items).toEqual([]);
    const created = await product({ sku: 'MILK-1', name: 'Fresh milk' });
    expect(skus(await list('search=fresh'))).toEqual(['MILK-1']);
    const renamed = await worker.api.patch(`/api/v1/products/${created.id}`, {
      name: 'Stale milk',
      version: created.version,
    });
    expect(renamed.statusCode).toBe(200);
    expect((await list('search=fresh')).items).toEqual([]);
    expect((await list('search=stale')).items.map((p) => p.name)).toEqual(['Stale milk']);
    expect((await worker.api.delete(`/api/v1/products/${created.id}`)).statusCode).toBeLessThan(300);
    expect((await list('search=stale')).items).toEqual([]);
  });

  it('show stock as it is now, and a renamed category under its new name', async () => {
    const category = bodyOf<{ id: string }>(
      await t.admin.post('/api/v1/categories', { name: 'Tejtermék' }),
      201,
    );
    const { id } = await product({ sku: 'STOCKED-1', name: 'Stocked butter', category_id: category.id });
    const first = await list('search=stocked');
    expect(first.items.map((p) => [p.on_hand, p.category])).toEqual([[0, 'Tejtermék']]);
    await receive(t.app, worker.token, id, t.warehouse.id, 7);
    expect((await list('search=stocked')).items.map((p) => p.on_hand)).toEqual([7]);
    await t.admin.patch(`/api/v1/categories/${category.id}`, { name: 'Vajak' });
    expect((await list('search=stocked')).items.map((p) => p.category)).toEqual(['Vajak']);
    expect(skus(await list(`category_id=${category.id}`))).toEqual(['STOCKED-1']);
  });

  it('see a change committed by a transaction that was still open when the page was found', async () => {
    const client = await t.database.pool.connect();
    try {
      await client.query('begin');
      await client.query(
        `insert into products (id, sku, name) values (raktar_uuidv7(), 'OPEN-1', 'Open jar')`,
      );
      // Found while that transaction is open: without its product, and remembered so.
      expect((await list('search=open%20jar')).items).toEqual([]);
      await client.query('commit');
    } finally {
      client.release();
    }
    expect(skus(await list('search=open%20jar'))).toEqual(['OPEN-1']);
  });

  it('give every writer its own product at once while others write and read the same page', async () => {
    const writers = Array.from({ length: 16 }, (_, i) => i);
    const seen = await Promise.all(
      writers.map(async (i) => {
        const created = await product({ sku: `RACE-${i}`, name: `Race item ${i}` });
        // Other readers keep finding and remembering the page meanwhile.
        await list('search=race%20item&page_size=100');
        const page = await list('search=race%20item&page_size=100', worker.api);
        return page.items.some((p) => p.id === created.id);
      }),
    );
    expect(seen.every(Boolean)).toBe(true);
    expect((await list('search=race%20item&page_size=100')).total).toBe(writers.length);
  });

  it('are shared by no one: another instance on the database sees a change made here at once', async () => {
    const other: FastifyInstance = await buildApp({ config: t.config, database: t.database, logger: false });
    try {
      const there = api(other, viewer.token);
      expect((await list('search=twin', there)).items).toEqual([]);
      await product({ sku: 'TWIN-1', name: 'Twin' });
      expect(skus(await list('search=twin', there))).toEqual(['TWIN-1']);
    } finally {
      await other.close();
    }
  });

  it('forget, at a later commit, what changed products over an hour ago', async () => {
    await t.database.executeSql(
      `insert into reference_changes (source, xid, committed_at) values ('products:update', '1'::xid8, now() - interval '2 hours')`,
    );
    await product({ sku: 'PRUNE-1', name: 'Prune' });
    const { rows } = await t.database.executeSql(
      `select count(*)::int as old from reference_changes where committed_at < now() - interval '1 hour'`,
    );
    expect(rows[0]?.old).toBe(0);
  });
});

describe('with PAGE_CACHE_SECONDS=0', () => {
  let off: Fixture<['warehouse']>;
  beforeAll(async () => {
    off = await setupApp({ users: ['warehouse'], config: { pageCacheSeconds: 0 } });
  });
  afterAll(() => off.close());

  it('every read finds the page afresh', async () => {
    const [writer] = off.users;
    bodyOf(await writer.api.post('/api/v1/products', { sku: 'NOCACHE-1', name: 'Plain' }), 201);
    expect(skus(bodyOf<ProductPage>(await writer.api.get('/api/v1/products?search=plain')))).toEqual([
      'NOCACHE-1',
    ]);
    const client = await off.database.pool.connect();
    try {
      await client.query('begin');
      await client.query('set local session_replication_role = replica');
      await client.query(
        `insert into products (id, sku, name, search_text) values (raktar_uuidv7(), 'NOCACHE-2', 'Plain', 'plain nocache-2')`,
      );
      await client.query('commit');
    } finally {
      client.release();
    }
    expect(skus(bodyOf<ProductPage>(await writer.api.get('/api/v1/products?search=plain')))).toEqual([
      'NOCACHE-1',
      'NOCACHE-2',
    ]);
  });
});
