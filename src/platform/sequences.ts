import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { rows } from '../db/rows.js';

/**
 * The next human-readable number of a document kind, e.g. `TR-000001`. Taken in the document's
 * own transaction: the row lock makes concurrent creations wait their turn, and a rolled-back
 * document gives its number back, so numbers are unique and gap-free.
 */
export async function nextDocumentNumber(tx: DbOrTx, kind: string): Promise<string> {
  const [row] = await rows<{ last_value: number | string }>(
    tx,
    sql`insert into document_sequences (kind, last_value) values (${kind}, 1)
    on conflict (kind) do update set last_value = document_sequences.last_value + 1
    returning last_value`,
  );
  const value = Number(row?.last_value);
  return `${kind}-${String(value).padStart(6, '0')}`;
}
