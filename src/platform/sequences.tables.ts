import { bigint, pgTable, text } from 'drizzle-orm/pg-core';

/** The last number issued per document kind (PO, SO, WO, TR, DSP): gap-free, one row lock each. */
export const documentSequences = pgTable('document_sequences', {
  kind: text('kind').primaryKey(),
  lastValue: bigint('last_value', { mode: 'number' }).notNull().default(0),
});
