import { readdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { describe, expect, it } from 'vitest';
import { migrationsFolder } from '../../src/db/migrate.js';
import { exitCode, httpLogin, listeningPort, processSandbox } from '../helpers/process.js';

const password = 'Legacy!pass1';
const sandbox = processSandbox('raktar-legacy-', { ADMIN_PASSWORD: password });

/** A DATA_DIR as the earlier version left it: a PGlite cluster with stock on its ledger. */
async function legacyDataDir(dataDir: string): Promise<void> {
  const db = await PGlite.create({
    dataDir: path.join(dataDir, 'pglite'),
    extensions: { pg_trgm, unaccent },
  });
  await migrate(drizzle({ client: db }), { migrationsFolder });
  await db.exec(`
    insert into warehouses (id, code, name) values (raktar_uuidv7(), 'OLD', 'Old warehouse');
    insert into bins (id, warehouse_id, code, type, is_default)
      select raktar_uuidv7(), id, 'DEFAULT', 'storage', true from warehouses;
    insert into products (id, sku, name, unit_price)
      select raktar_uuidv7(), 'OLD-' || i, 'Régi termék ' || i, 9.5 from generate_series(1, 3) i;
    insert into stock_movements (id, posting_id, movement_type, product_id, warehouse_id, bin_id, quantity, reference_number)
      select raktar_uuidv7(), raktar_uuidv7(), 'receipt', p.id, w.id, b.id, 7, 'LEGACY'
      from products p cross join warehouses w join bins b on b.warehouse_id = w.id;
    insert into stock_balances (id, product_id, warehouse_id, bin_id, on_hand)
      select raktar_uuidv7(), product_id, warehouse_id, bin_id, quantity from stock_movements;
  `);
  await db.close();
}

describe('raktar migrate-embedded', { timeout: 480_000 }, () => {
  it('moves a PGlite DATA_DIR into the embedded server, which then serves its stock', async () => {
    const dataDir = sandbox.dataDir;
    await legacyDataDir(dataDir);

    const migrated = sandbox.start('src/cli/raktar.ts', {}, ['migrate-embedded']);
    expect(await exitCode(migrated)).toBe(0);
    const output = migrated.stdout.join('\n');
    expect(output).toContain('products: 3 row(s)');
    expect(output).toContain('stock_movements: 3 row(s)');
    expect(readdirSync(dataDir).filter((name) => name.startsWith('pglite'))).toEqual([
      expect.stringMatching(/^pglite\.migrated-/),
    ]);

    const server = sandbox.start();
    const port = await listeningPort(server);
    const base = `http://127.0.0.1:${port}/api/v1`;
    const login = await httpLogin(port, 'admin', password);
    const { access_token: token } = (await login.json()) as { access_token: string };
    const get = async (url: string) =>
      (await fetch(`${base}${url}`, { headers: { authorization: `Bearer ${token}` } })).json();
    const products = (await get('/products?search=regi%20termek')) as {
      total: number;
      items: { id: string }[];
    };
    expect(products.total).toBe(3);
    const balances = (await get(`/inventory/balances?product_id=${products.items[0]?.id}`)) as {
      items: { on_hand: number }[];
    };
    expect(balances.items.map((b) => b.on_hand)).toEqual([7]);
    expect(await get('/inventory/verify')).toMatchObject({ ok: true, mismatches: [] });

    server.child.kill('SIGTERM');
    expect(await exitCode(server)).toBe(0);

    const again = sandbox.start('src/cli/raktar.ts', {}, ['migrate-embedded']);
    expect(await exitCode(again)).toBe(1);
    expect(again.stderr.join('\n')).toMatch(/no PGlite database in .*: nothing to migrate/);
  });
});
