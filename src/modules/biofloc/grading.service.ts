import { uuidv7 } from 'uuidv7';
import type { Db } from '../../db/client.js';
import { decimal } from '../../platform/decimal.js';
import type { RequestCtx } from '../../platform/request-ctx.js';
import { recordAudit } from '../audit/index.js';
import { totalCostOf } from './batches.mapper.js';
import { insertHistory, updateBatch } from './batches.repo.js';
import type { GradingBody } from './batches.schemas.js';
import type { BatchesService } from './batches.service.js';
import { BioflocErrors } from './biofloc.errors.js';
import { biomassKg, splitByWeight } from './figures.js';
import { setTankStatus, type TankRow } from './tanks.repo.js';
import type { TanksService } from './tanks.service.js';

/**
 * Grading sorts an active batch into 2–3 size groups, each a new batch `<code>-<label>` in its
 * own tank, carrying the parent's cost to date in proportion to its biomass; the parent ends
 * `graded` and its tank is freed (a group may go back into it).
 */
export class GradingService {
  constructor(
    private readonly db: Db,
    private readonly batches: BatchesService,
    private readonly tanks: TanksService,
  ) {}

  async grade(ctx: RequestCtx, input: GradingBody) {
    return this.db.transaction(async (tx) => {
      const source = await this.batches.lock(tx, input.source_batch_id);
      const groups = input.size_groups;
      const sum = groups.reduce((total, group) => total + group.fish_count, 0);
      if (sum !== source.currentCount)
        throw BioflocErrors.gradingCountMismatch({ sum, alive: source.currentCount, code: source.batchCode });
      const tankIds = [
        ...new Set([source.currentTankId, ...groups.map((g) => g.destination_tank_id)]),
      ].sort();
      const tanks = new Map<string, TankRow>();
      for (const id of tankIds) tanks.set(id, await this.tanks.lock(tx, id));

      await updateBatch(tx, source.id, { status: 'graded', endDate: input.grading_date });
      await setTankStatus(tx, source.currentTankId, 'available');
      const freed = tanks.get(source.currentTankId) as TankRow;
      tanks.set(freed.id, { ...freed, status: 'available' });

      const biomasses = groups.map((group) => biomassKg(group.fish_count, decimal(group.avg_weight_g)));
      const shares = splitByWeight(totalCostOf(source), biomasses);
      const created: string[] = [];
      for (const [index, group] of groups.entries()) {
        const tank = tanks.get(group.destination_tank_id) as TankRow;
        const child = await this.batches.stockInto(
          tx,
          tank,
          {
            id: uuidv7(),
            batchCode: `${source.batchCode}-${group.size_label}`,
            species: source.species,
            source: source.batchCode,
            stockingDate: input.grading_date,
            initialCount: group.fish_count,
            initialAvgWeightG: decimal(group.avg_weight_g),
            currentCount: group.fish_count,
            currentAvgWeightG: decimal(group.avg_weight_g),
            inheritedCost: shares[index] ?? '0',
            currentTankId: tank.id,
            harvestProductId: source.harvestProductId,
            parentBatchId: source.id,
            weighedOn: input.grading_date,
            notes: input.notes ?? '',
          },
          'growth_transfer',
        );
        // A tank stocked by one group is no longer free for the next.
        tanks.set(tank.id, { ...tank, status: 'in_use' });
        created.push(child.id);
        await insertHistory(tx, {
          batchId: source.id,
          tankId: tank.id,
          fromTankId: source.currentTankId,
          transferDate: input.grading_date,
          reason: 'growth_transfer',
          fishCount: group.fish_count,
          avgWeightG: decimal(group.avg_weight_g),
          notes: child.batchCode,
        });
      }
      await recordAudit(tx, ctx, {
        action: 'biofloc_batch.grade',
        entityType: 'biofloc_batch',
        entityId: source.id,
        before: { status: 'active' },
        after: { status: 'graded', batches: created },
      });
      return {
        source: await this.batches.view(tx, source.id),
        batches: await Promise.all(created.map((id) => this.batches.view(tx, id))),
      };
    });
  }
}
