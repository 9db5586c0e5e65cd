import { asc, eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { isForeignKeyViolation, isUniqueViolation } from '../../db/errors.js';
import type { RequestCtx } from '../../platform/request-ctx.js';
import { recordAudit } from '../audit/index.js';
import { CatalogErrors } from './catalog.errors.js';
import { units } from './catalog.tables.js';

type UnitRow = typeof units.$inferSelect;

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

function toUnitPublic(row: UnitRow) {
  return { code: row.code, name: row.name, decimals: row.decimals };
}

/** Units of measure; `pcs`, `kg`, `l`, `m` and `box` come with the first migration. */
export class UnitsService {
  constructor(private readonly db: Db) {}

  async list() {
    return (await this.db.select().from(units).orderBy(asc(units.code))).map(toUnitPublic);
  }

  /** The unit code a client means (aliases and case forgiven); unknown → 422. */
  async resolveCode(db: DbOrTx, name: string): Promise<string> {
    const wanted = name.trim().toLowerCase();
    const code = ALIASES[wanted] ?? wanted;
    const [row] = await db.select({ code: units.code }).from(units).where(eq(units.code, code));
    if (!row) throw CatalogErrors.unknownUnit({ unit: name });
    return row.code;
  }

  async create(ctx: RequestCtx, input: { code: string; name: string; decimals?: number }) {
    try {
      return await this.db.transaction(async (tx) => {
        const [row] = await tx
          .insert(units)
          .values({ code: input.code, name: input.name.trim(), decimals: input.decimals ?? 0 })
          .returning();
        await recordAudit(tx, ctx, {
          action: 'unit.create',
          entityType: 'unit',
          entityId: input.code,
          after: toUnitPublic(row as UnitRow),
        });
        return toUnitPublic(row as UnitRow);
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw CatalogErrors.unitTaken({ code: input.code });
      throw error;
    }
  }

  async update(ctx: RequestCtx, code: string, input: { name?: string; decimals?: number }) {
    return this.db.transaction(async (tx) => {
      const [before] = await tx.select().from(units).where(eq(units.code, code)).for('update');
      if (!before) throw CatalogErrors.unitNotFound();
      const [after] = await tx
        .update(units)
        .set({
          ...(input.name !== undefined ? { name: input.name.trim() } : {}),
          ...(input.decimals !== undefined ? { decimals: input.decimals } : {}),
        })
        .where(eq(units.code, code))
        .returning();
      await recordAudit(tx, ctx, {
        action: 'unit.update',
        entityType: 'unit',
        entityId: code,
        before: toUnitPublic(before),
        after: toUnitPublic(after as UnitRow),
      });
      return toUnitPublic(after as UnitRow);
    });
  }

  async remove(ctx: RequestCtx, code: string): Promise<void> {
    try {
      await this.db.transaction(async (tx) => {
        const [row] = await tx.delete(units).where(eq(units.code, code)).returning();
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
