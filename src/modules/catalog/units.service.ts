import type { Db, DbOrTx } from '../../db/client.js';
import { isForeignKeyViolation, isUniqueViolation } from '../../db/errors.js';
import type { RequestCtx } from '../../platform/request-ctx.js';
import { recordAudit } from '../audit/index.js';
import { CatalogErrors } from './catalog.errors.js';
import type { UnitCreate, UnitUpdate } from './catalog.schemas.js';
import {
  deleteUnit,
  findUnitForUpdate,
  insertUnit,
  listUnits,
  type UnitRow,
  unitExists,
  updateUnit,
} from './units.repo.js';

/** Names clients use for the seeded units (seed 004 sends "piece"). */
const ALIASES: Record<string, string> = {
  piece: 'pcs',
  pieces: 'pcs',
  pc: 'pcs',
  db: 'pcs',
  kilogram: 'kg',
  kilograms: 'kg',
  liter: 'l',
  litre: 'l',
  liters: 'l',
  litres: 'l',
  meter: 'm',
  metre: 'm',
  meters: 'm',
  metres: 'm',
  boxes: 'box',
};

/** The unit code a client means by `name` (aliases and case forgiven); whether it exists is not checked. */
export function unitCodeFor(name: string): string {
  const wanted = name.trim().toLowerCase();
  return ALIASES[wanted] ?? wanted;
}

function toUnitPublic(row: UnitRow) {
  return { code: row.code, name: row.name, decimals: row.decimals };
}

/** Units of measure; `pcs`, `kg`, `l`, `m` and `box` come with the first migration. */
export class UnitsService {
  constructor(private readonly db: Db) {}

  async list() {
    return (await listUnits(this.db)).map(toUnitPublic);
  }

  /** The unit code a client means (aliases and case forgiven); unknown → 422. */
  async resolveCode(db: DbOrTx, name: string): Promise<string> {
    const code = unitCodeFor(name);
    if (!(await unitExists(db, code))) throw CatalogErrors.unknownUnit({ unit: name });
    return code;
  }

  async create(ctx: RequestCtx, input: UnitCreate) {
    try {
      return await this.db.transaction(async (tx) => {
        const row = await insertUnit(tx, {
          code: input.code,
          name: input.name.trim(),
          decimals: input.decimals ?? 0,
        });
        await recordAudit(tx, ctx, {
          action: 'unit.create',
          entityType: 'unit',
          entityId: input.code,
          after: toUnitPublic(row),
        });
        return toUnitPublic(row);
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw CatalogErrors.unitTaken({ code: input.code });
      throw error;
    }
  }

  async update(ctx: RequestCtx, code: string, input: UnitUpdate) {
    return this.db.transaction(async (tx) => {
      const before = await findUnitForUpdate(tx, code);
      if (!before) throw CatalogErrors.unitNotFound();
      const after = await updateUnit(tx, code, {
        ...(input.name !== undefined ? { name: input.name.trim() } : {}),
        ...(input.decimals !== undefined ? { decimals: input.decimals } : {}),
      });
      await recordAudit(tx, ctx, {
        action: 'unit.update',
        entityType: 'unit',
        entityId: code,
        before: toUnitPublic(before),
        after: toUnitPublic(after),
      });
      return toUnitPublic(after);
    });
  }

  async remove(ctx: RequestCtx, code: string): Promise<void> {
    try {
      await this.db.transaction(async (tx) => {
        const row = await deleteUnit(tx, code);
        if (!row) throw CatalogErrors.unitNotFound();
        await recordAudit(tx, ctx, {
          action: 'unit.delete',
          entityType: 'unit',
          entityId: code,
          before: toUnitPublic(row),
        });
      });
    } catch (error) {
      if (isForeignKeyViolation(error)) throw CatalogErrors.unitInUse();
      throw error;
    }
  }
}
