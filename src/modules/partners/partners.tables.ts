import { sql } from 'drizzle-orm';
import { boolean, index, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt, version } from '../../db/columns.js';

/** Suppliers and customers share one shape; each kind has its own table. */
function partnerTable<N extends string>(name: N) {
  return pgTable(
    name,
    {
      id: id(),
      code: text('code').notNull(),
      name: text('name').notNull(),
      contactPerson: text('contact_person').notNull().default(''),
      email: text('email'),
      phone: text('phone'),
      address: text('address').notNull().default(''),
      taxNumber: text('tax_number').notNull().default(''),
      paymentTerms: text('payment_terms').notNull().default(''),
      notes: text('notes').notNull().default(''),
      isActive: boolean('is_active').notNull().default(true),
      version: version(),
      createdAt: createdAt(),
      updatedAt: updatedAt(),
    },
    (t) => [
      uniqueIndex(`${name}_code_key`).on(sql`lower(${t.code})`),
      index(`${name}_search_idx`).using(
        'gin',
        sql`raktar_search_text(${t.code} || ' ' || ${t.name}) gin_trgm_ops`,
      ),
    ],
  );
}

export const suppliers = partnerTable('suppliers');
export const customers = partnerTable('customers');
export type PartnerTable = typeof suppliers | typeof customers;
