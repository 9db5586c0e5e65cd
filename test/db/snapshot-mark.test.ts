// Marks of database state: never shared by two databases of one server, nor by two runs of it.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { hasChangedSince } from '../../src/db/reference-changes.js';
import { snapshotMark } from '../../src/db/snapshot-mark.js';
import { openTestDatabase } from '../helpers/test-app.js';

let one: { database: Database; drop: () => Promise<void> };
let other: { database: Database; drop: () => Promise<void> };

beforeAll(async () => {
  [one, other] = await Promise.all([openTestDatabase(), openTestDatabase()]);
});
afterAll(async () => {
  await Promise.all([one?.drop(), other?.drop()]);
});

const PRODUCTS = ['products:insert', 'products:update'] as const;

describe('snapshotMark', () => {
  it('differs between two databases of one server even at the same snapshot', async () => {
    const [a, b] = await Promise.all([snapshotMark(one.database.db), snapshotMark(other.database.db)]);
    expect(a).toMatch(/^\d+:\d+:[\d,]*@\d+\/\d+\.\d+$/);
    expect(a.split('@')[1]).not.toBe(b.split('@')[1]);
    expect(a).not.toBe(b);
  });

  it('moves when a transaction commits', async () => {
    const before = await snapshotMark(one.database.db);
    await one.database.db.execute(sql`select pg_current_xact_id()`);
    expect(await snapshotMark(one.database.db)).not.toBe(before);
  });
});

describe('hasChangedSince', () => {
  it('holds a mark of this database and run unchanged until a product changes', async () => {
    const mark = await snapshotMark(one.database.db);
    expect(await hasChangedSince(one.database.db, PRODUCTS, mark)).toBe(false);
    await one.database.db.execute(sql`update products set name = name where false`);
    expect(await hasChangedSince(one.database.db, PRODUCTS, mark)).toBe(true);
  });

  it('takes a mark of another database, or of another run of the server, as changed', async () => {
    const mark = await snapshotMark(one.database.db);
    expect(await hasChangedSince(other.database.db, PRODUCTS, mark)).toBe(true);
    // The same snapshot from a server started a microsecond later: a standby promoted since.
    const [snapshot, run] = mark.split('@') as [string, string];
    const [oid, started] = run.split('/') as [string, string];
    const [seconds, micros = '0'] = started.split('.');
    const later = `${seconds}.${String(Number(micros.padEnd(6, '0')) + 1).padStart(6, '0')}`;
    expect(await hasChangedSince(one.database.db, PRODUCTS, `${snapshot}@${oid}/${later}`)).toBe(true);
    expect(await hasChangedSince(one.database.db, PRODUCTS, mark)).toBe(false);
  });
});
