import { uuidv7 } from 'uuidv7';
import type { Db, DbOrTx } from '../../db/client.js';
import { isForeignKeyViolation, isUniqueViolation } from '../../db/errors.js';
import { defineError } from '../../platform/errors.js';
import { type PageRequest, toPage } from '../../platform/pagination.js';
import type { RequestCtx } from '../../platform/request-ctx.js';
import { recordAudit } from '../audit/index.js';
import {
  deletePartner,
  findPartner,
  findPartnerByIdOrCode,
  insertPartner,
  insertPartnersBulk,
  listPartners,
  type NewPartner,
  type PartnerFilter,
  type PartnerRow,
  type PartnerSort,
  takenPartnerCodes,
  updatePartner,
} from './partners.repo.js';
import type { PartnerChanges, PartnerCreate } from './partners.schemas.js';
import type { PartnerTable } from './partners.tables.js';
import { normalizePhone } from './phone.js';

export type { PartnerSort } from './partners.repo.js';
export type PartnerKind = 'supplier' | 'customer';

/** Partners one set-based insert writes at most. */
const INSERT_CHUNK = 5_000;

const NAMES: Record<PartnerKind, { en: string; hu: string; code: string }> = {
  supplier: { en: 'Supplier', hu: 'A beszállító', code: 'SUPPLIER' },
  customer: { en: 'Customer', hu: 'A vevő', code: 'CUSTOMER' },
};

function partnerErrors(kind: PartnerKind) {
  const n = NAMES[kind];
  return {
    notFound: defineError(`${n.code}_NOT_FOUND`, 404, {
      en: `${n.en} not found.`,
      hu: `${n.hu} nem található.`,
    }),
    codeTaken: defineError(`${n.code}_CODE_TAKEN`, 409, {
      en: `${n.en} code {code} is already taken.`,
      hu: `${n.hu} kódja ({code}) már foglalt.`,
    }),
    inUse: defineError(`${n.code}_IN_USE`, 409, {
      en: `${n.en} is referred to by documents; deactivate it instead.`,
      hu: `${n.hu} dokumentumokban szerepel; törlés helyett inaktiválja.`,
    }),
  };
}

function toPartnerPublic(row: PartnerRow) {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    contact_person: row.contactPerson,
    email: row.email,
    phone: row.phone,
    address: row.address,
    tax_number: row.taxNumber,
    payment_terms: row.paymentTerms,
    notes: row.notes,
    is_active: row.isActive,
    version: row.version,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}
export type PartnerPublic = ReturnType<typeof toPartnerPublic>;

function snapshot(row: PartnerRow) {
  const { id: _id, version: _v, created_at: _c, updated_at: _u, ...rest } = toPartnerPublic(row);
  return rest;
}

/** Suppliers or customers (seeds 000 and 003): one service, parameterized by table. */
export class PartnersService {
  readonly errors: ReturnType<typeof partnerErrors>;

  constructor(
    private readonly db: Db,
    private readonly table: PartnerTable,
    private readonly kind: PartnerKind,
    private readonly phoneRegion: string,
  ) {
    this.errors = partnerErrors(kind);
  }

  private columns(input: PartnerChanges): Partial<NewPartner> {
    const trim = (value: string | undefined) => value?.trim();
    const out: Partial<NewPartner> = {
      code: trim(input.code),
      name: trim(input.name),
      contactPerson: trim(input.contact_person),
      email: input.email === null ? null : trim(input.email)?.toLowerCase(),
      phone:
        input.phone === null || input.phone === ''
          ? null
          : input.phone && normalizePhone(input.phone, this.phoneRegion),
      address: trim(input.address),
      taxNumber: trim(input.tax_number),
      paymentTerms: trim(input.payment_terms),
      notes: input.notes,
      isActive: input.is_active,
    };
    return Object.fromEntries(Object.entries(out).filter(([, value]) => value !== undefined));
  }

  private rethrow(error: unknown, code: string | undefined): never {
    if (isUniqueViolation(error, `${this.kind}s_code_key`)) {
      throw this.errors.codeTaken({ code: code ?? '' });
    }
    throw error;
  }

  async list(filter: PartnerFilter, sort: PartnerSort, page: PageRequest) {
    const { rows, total } = await listPartners(this.db, this.table, filter, sort, page);
    return toPage(rows.map(toPartnerPublic), total, page);
  }

  async get(id: string): Promise<PartnerPublic> {
    const row = await findPartner(this.db, this.table, id);
    if (!row) throw this.errors.notFound();
    return toPartnerPublic(row);
  }

  /** Resolves a partner by id or code (orders accept either); inactive ones are refused by the caller. */
  async findByIdOrCode(ref: { id?: string; code?: string }): Promise<PartnerPublic | undefined> {
    const row = await findPartnerByIdOrCode(this.db, this.table, ref);
    return row ? toPartnerPublic(row) : undefined;
  }

  async create(ctx: RequestCtx, input: PartnerCreate): Promise<PartnerPublic> {
    const values = this.columns(input) as NewPartner;
    try {
      return await this.db.transaction(async (tx) => {
        const row = await insertPartner(tx, this.table, values);
        await recordAudit(tx, ctx, {
          action: `${this.kind}.create`,
          entityType: this.kind,
          entityId: row.id,
          after: snapshot(row),
        });
        return toPartnerPublic(row);
      });
    } catch (error) {
      this.rethrow(error, input.code);
    }
  }

  /** Which of `codes` are taken (lower-cased), for checking many at once. */
  async takenCodes(codes: Iterable<string>): Promise<Set<string>> {
    const wanted = [...new Set([...codes].map((code) => code.trim().toLowerCase()))];
    return new Set(await takenPartnerCodes(this.db, this.table, wanted));
  }

  /**
   * Creates many partners with one insert (imports), inside the caller's transaction. Their phone
   * numbers must be valid (an invalid one throws, as on create); the caller audits the whole.
   */
  async insertMany(tx: DbOrTx, inputs: PartnerCreate[]): Promise<number> {
    const values = inputs.map((input) => ({ ...this.columns(input), id: uuidv7() }) as NewPartner);
    for (let start = 0; start < values.length; start += INSERT_CHUNK) {
      await insertPartnersBulk(tx, this.table, values.slice(start, start + INSERT_CHUNK));
    }
    return values.length;
  }

  async update(
    ctx: RequestCtx,
    id: string,
    input: PartnerChanges,
    expectedVersion?: number,
  ): Promise<PartnerPublic> {
    const changes = this.columns(input);
    try {
      return await this.db.transaction(async (tx) => {
        const { before, after } = await updatePartner(
          tx,
          this.table,
          id,
          expectedVersion,
          changes,
          this.errors.notFound,
        );
        await recordAudit(tx, ctx, {
          action: `${this.kind}.update`,
          entityType: this.kind,
          entityId: id,
          before: snapshot(before),
          after: snapshot(after),
        });
        return toPartnerPublic(after);
      });
    } catch (error) {
      this.rethrow(error, input.code);
    }
  }

  /** Soft delete (deactivate); `hard` deletes for good, refused while any document refers to it. */
  async remove(ctx: RequestCtx, id: string, hard: boolean): Promise<PartnerPublic | undefined> {
    if (!hard) return this.update(ctx, id, { is_active: false });
    try {
      await this.db.transaction(async (tx) => {
        const row = await findPartner(tx, this.table, id, true);
        if (!row) throw this.errors.notFound();
        await deletePartner(tx, this.table, id);
        await recordAudit(tx, ctx, {
          action: `${this.kind}.delete`,
          entityType: this.kind,
          entityId: id,
          before: snapshot(row),
        });
      });
    } catch (error) {
      if (isForeignKeyViolation(error)) throw this.errors.inUse();
      throw error;
    }
    return undefined;
  }
}
