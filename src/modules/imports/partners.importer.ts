import { Type } from 'typebox';
import type { DbOrTx } from '../../db/client.js';
import { AppError } from '../../platform/errors.js';
import type { RequestCtx } from '../../platform/request-ctx.js';
import {
  normalizePhone,
  PartnerCreateSchema,
  type PartnerKind,
  type PartnersService,
} from '../partners/index.js';
import {
  type Column,
  Importer,
  type ImportOptions,
  type Issues,
  markDuplicates,
  type ParsedRow,
  textField,
} from './importer.js';

/** A partner as `POST /suppliers` (or `/customers`) takes it, with its kind. */
const PartnerRow = Type.Object({
  ...PartnerCreateSchema.properties,
  kind: Type.Optional(Type.Enum(['supplier', 'customer'])),
});

type PartnerInput = Parameters<PartnersService['insertMany']>[1][number];
type PartnersPlan = Record<PartnerKind, PartnerInput[]>;

/** Suppliers and customers: the `kind` column says which, or `?kind=` for the whole file. */
export class PartnersImporter extends Importer<PartnersPlan> {
  readonly kind = 'partners';
  protected readonly schema = PartnerRow;
  readonly columns: Column[] = [
    {
      key: 'kind',
      hu: 'Partnertípus',
      type: {
        oneOf: {
          supplier: { en: 'supplier', hu: 'beszállító' },
          customer: { en: 'customer', hu: 'vevő' },
        },
      },
      required: (options) => options.partnerKind === undefined,
      aliases: ['partner_kind'],
      example: 'supplier',
    },
    { key: 'code', hu: 'Kód', type: 'text', required: true, example: 'SUP-001' },
    { key: 'name', hu: 'Név', type: 'text', required: true, example: 'Textil Kft.' },
    {
      key: 'contact_person',
      hu: 'Kapcsolattartó',
      type: 'text',
      aliases: ['contact'],
      example: 'Nagy Péter',
    },
    { key: 'email', hu: 'E-mail', type: 'text', example: 'rendeles@textil.example.hu' },
    { key: 'phone', hu: 'Telefon', type: 'text', example: '+36301234567' },
    { key: 'address', hu: 'Cím', type: 'text', example: '6720 Szeged, Kárász utca 1.' },
    { key: 'tax_number', hu: 'Adószám', type: 'text', example: '12345678-2-06' },
    { key: 'payment_terms', hu: 'Fizetési feltételek', type: 'text', example: 'NET 30' },
    { key: 'notes', hu: 'Megjegyzés', type: 'text', example: '' },
    { key: 'is_active', hu: 'Aktív', type: 'boolean', example: true },
  ];

  constructor(
    private readonly partners: Record<PartnerKind, PartnersService>,
    private readonly phoneRegion: string,
  ) {
    super();
  }

  async check(rows: ParsedRow[], issues: Issues, options: ImportOptions): Promise<PartnersPlan> {
    const kindOf = (row: ParsedRow) =>
      options.partnerKind ?? (row.bad.has('kind') ? undefined : (row.record.kind as PartnerKind | undefined));
    for (const row of rows) {
      if (!kindOf(row) && !row.bad.has('kind')) {
        issues.add(row.row, 'kind', 'REQUIRED');
        row.bad.add('kind');
      }
      const phone = textField(row, 'phone');
      if (phone === undefined) continue;
      try {
        row.record.phone = normalizePhone(phone, this.phoneRegion);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        issues.add(row.row, 'phone', 'INVALID_PHONE');
        row.bad.add('phone');
      }
    }
    markDuplicates(
      rows,
      issues,
      'code',
      (r) => {
        const code = textField(r, 'code');
        const kind = kindOf(r);
        return code && kind ? `${kind}|${code.toLowerCase()}` : undefined;
      },
      (r) => String(r.record.code),
    );
    const plan: PartnersPlan = { supplier: [], customer: [] };
    for (const kind of ['supplier', 'customer'] as const) {
      const own = rows.filter((row) => kindOf(row) === kind);
      const taken = await this.partners[kind].takenCodes(own.flatMap((r) => textField(r, 'code') ?? []));
      for (const row of own) {
        const code = textField(row, 'code');
        if (code && taken.has(code.toLowerCase())) {
          issues.addError(row.row, 'code', this.partners[kind].errors.codeTaken({ code }));
        }
        const { kind: _kind, ...fields } = row.record;
        plan[kind].push(fields as PartnerInput);
      }
    }
    return plan;
  }

  counts(plan: PartnersPlan) {
    return { suppliers: plan.supplier.length, customers: plan.customer.length };
  }

  async apply(
    tx: DbOrTx,
    _ctx: RequestCtx,
    plan: PartnersPlan,
    _importId: string,
    progress: (done: number) => Promise<void>,
  ): Promise<void> {
    await this.partners.supplier.insertMany(tx, plan.supplier);
    await this.partners.customer.insertMany(tx, plan.customer);
    await progress(plan.supplier.length + plan.customer.length);
  }
}
