import type { SQL } from 'drizzle-orm';
import { sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Db } from '../../db/client.js';
import { isUniqueViolation } from '../../db/errors.js';
import { updateVersioned } from '../../db/versioned.js';
import { decimal } from '../../platform/decimal.js';
import { type PageRequest, toPage } from '../../platform/pagination.js';
import type { RequestCtx } from '../../platform/request-ctx.js';
import type { AlertsService, RaisedAlert } from '../alerts/index.js';
import { recordAudit } from '../audit/index.js';
import { activeBatchIn } from './batches.repo.js';
import { BioflocErrors } from './biofloc.errors.js';
import type { RecordFilter } from './consumption.repo.js';
import {
  datedExportQuery,
  deleteProfile,
  findProfile,
  insertProfile,
  insertWaterTest,
  listDated,
  listProfiles,
  type ProfileRow,
  profileFor,
  profilesExportQuery,
  WATER_TESTS,
  type WaterTestRow,
} from './measurements.repo.js';
import {
  type ProfileChanges,
  type ProfileCreate,
  WATER_PARAMETERS,
  type WaterTestCreate,
} from './measurements.schemas.js';
import { bioflocWaterProfiles, type bioflocWaterTests } from './records.tables.js';
import { tanksWithoutWaterTest } from './tanks.repo.js';
import type { TanksService } from './tanks.service.js';
import { breachesOf, DEFAULT_LIMITS, type WaterLimits } from './water-quality.js';

const num = (value: string | null) => (value == null ? null : Number(value));
const COLUMNS = {
  temperature_c: 'temperatureC',
  ph: 'ph',
  dissolved_oxygen_mgl: 'dissolvedOxygenMgl',
  salinity_ppt: 'salinityPpt',
  ammonia_nh3_mgl: 'ammoniaNh3Mgl',
  nitrite_no2_mgl: 'nitriteNo2Mgl',
  nitrate_no3_mgl: 'nitrateNo3Mgl',
  alkalinity_mgl: 'alkalinityMgl',
  hardness_mgl: 'hardnessMgl',
  turbidity_ntu: 'turbidityNtu',
  tds_mgl: 'tdsMgl',
  floc_volume_mll: 'flocVolumeMll',
} as const satisfies Record<(typeof WATER_PARAMETERS)[number], keyof WaterTestRow>;

function toWaterTestPublic(row: WaterTestRow) {
  return {
    id: row.id,
    tank_id: row.tankId,
    batch_id: row.batchId,
    test_date: row.testDate,
    test_time: row.testTime,
    ...(Object.fromEntries(WATER_PARAMETERS.map((key) => [key, num(row[COLUMNS[key]])])) as Record<
      keyof typeof COLUMNS,
      number | null
    >),
    breaches: row.breaches,
    created_at: row.createdAt.toISOString(),
  };
}

function toProfilePublic(row: ProfileRow) {
  return {
    id: row.id,
    species: row.species,
    do_min: num(row.doMin),
    nh3_max: num(row.nh3Max),
    no2_max: num(row.no2Max),
    ph_min: num(row.phMin),
    ph_max: num(row.phMax),
    floc_min: num(row.flocMin),
    floc_max: num(row.flocMax),
    version: row.version,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

function limitsOf(row: ProfileRow | undefined): WaterLimits {
  if (!row) return DEFAULT_LIMITS;
  return {
    doMin: num(row.doMin),
    nh3Max: num(row.nh3Max),
    no2Max: num(row.no2Max),
    phMin: num(row.phMin),
    phMax: num(row.phMax),
    flocMin: num(row.flocMin),
    flocMax: num(row.flocMax),
  };
}

const LIMIT_COLUMNS = {
  do_min: 'doMin',
  nh3_max: 'nh3Max',
  no2_max: 'no2Max',
  ph_min: 'phMin',
  ph_max: 'phMax',
  floc_min: 'flocMin',
  floc_max: 'flocMax',
} as const;

function limitColumns(input: ProfileChanges): Partial<typeof bioflocWaterProfiles.$inferInsert> {
  const out: Partial<typeof bioflocWaterProfiles.$inferInsert> = {};
  for (const [key, column] of Object.entries(LIMIT_COLUMNS) as [
    keyof typeof LIMIT_COLUMNS,
    (typeof LIMIT_COLUMNS)[keyof typeof LIMIT_COLUMNS],
  ][]) {
    const value = input[key];
    if (value !== undefined) out[column] = value === null ? null : decimal(value);
  }
  return out;
}

/**
 * Water tests are checked against the profile of the species in the tank (or `default`); each
 * breach raises an alert in the test's transaction, mailed to subscribers once committed. A
 * scheduled check alerts in-use tanks with no test in 24 hours, once a day per tank.
 */
export class WaterTestsService {
  constructor(
    private readonly db: Db,
    private readonly tanks: TanksService,
    private readonly alerts: AlertsService,
  ) {}

  async create(ctx: RequestCtx, input: WaterTestCreate) {
    const { row, mailIds } = await this.db.transaction(async (tx) => {
      const tank = await this.tanks.find(tx, input.tank_id);
      const batch = await activeBatchIn(tx, tank.id);
      const breaches = breachesOf(input, limitsOf(await profileFor(tx, batch?.species ?? 'default')));
      const values: typeof bioflocWaterTests.$inferInsert = {
        id: uuidv7(),
        tankId: tank.id,
        batchId: batch?.id ?? null,
        testDate: input.test_date,
        testTime: input.test_time ?? null,
        breaches,
        createdBy: ctx.actor?.id ?? null,
      };
      for (const key of WATER_PARAMETERS) {
        const value = input[key];
        if (value !== undefined) values[COLUMNS[key]] = decimal(value);
      }
      const row = await insertWaterTest(tx, values);
      const alerts: RaisedAlert[] = breaches.map((breach) => ({
        kind: 'water_quality',
        subjectId: tank.id,
        subjectLabel: tank.tankCode,
        warehouseId: tank.warehouseId,
        sourceId: row.id,
        parameter: breach.parameter,
        value: breach.value,
        threshold: breach.threshold,
      }));
      const { mailIds } = await this.alerts.raiseIn(tx, alerts);
      await recordAudit(tx, ctx, {
        action: 'biofloc_water_test.create',
        entityType: 'biofloc_water_test',
        entityId: row.id,
        after: { tank_id: tank.id, breaches: breaches.length },
      });
      return { row, mailIds };
    });
    await this.alerts.deliver(mailIds);
    return toWaterTestPublic(row);
  }

  /** Alerts every in-use tank with no water test recorded in the 24 hours before `now`. */
  async checkOverdue(now = new Date()) {
    const since = new Date(now.getTime() - 24 * 3600_000);
    const { raised, mailIds } = await this.db.transaction(async (tx) => {
      const tanks = await tanksWithoutWaterTest(tx, since);
      return this.alerts.raiseIn(
        tx,
        tanks.map((tank) => ({
          kind: 'water_test_overdue',
          subjectId: tank.id,
          subjectLabel: tank.tank_code,
          warehouseId: tank.warehouse_id,
        })),
        now,
      );
    });
    await this.alerts.deliver(mailIds, now);
    return { raised, mails: mailIds.length };
  }

  async list(filter: RecordFilter, page: PageRequest) {
    const { rows, total } = await listDated<WaterTestRow>(this.db, WATER_TESTS, filter, page);
    return toPage(rows.map(toWaterTestPublic), total, page);
  }

  exportQuery(filter: RecordFilter): SQL {
    return datedExportQuery(
      WATER_TESTS,
      filter,
      sql`test_date::text as test_date, test_time, (select tank_code from biofloc_tanks t where t.id = tank_id) as tank_code,
        temperature_c, ph, dissolved_oxygen_mgl, salinity_ppt, ammonia_nh3_mgl, nitrite_no2_mgl, nitrate_no3_mgl,
        alkalinity_mgl, hardness_mgl, turbidity_ntu, tds_mgl, floc_volume_mll, jsonb_array_length(breaches) as breaches, id`,
    );
  }

  async createProfile(ctx: RequestCtx, input: ProfileCreate) {
    const species = input.species.trim();
    try {
      return await this.db.transaction(async (tx) => {
        const row = await insertProfile(tx, { species, ...limitColumns(input) });
        await recordAudit(tx, ctx, {
          action: 'biofloc_water_profile.create',
          entityType: 'biofloc_water_profile',
          entityId: row.id,
          after: toProfilePublic(row),
        });
        return toProfilePublic(row);
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw BioflocErrors.profileTaken({ species });
      throw error;
    }
  }

  async updateProfile(ctx: RequestCtx, id: string, changes: ProfileChanges, version?: number) {
    return this.db.transaction(async (tx) => {
      const { before, after } = await updateVersioned(
        tx,
        bioflocWaterProfiles,
        id,
        version,
        limitColumns(changes),
        BioflocErrors.profileNotFound,
      );
      await recordAudit(tx, ctx, {
        action: 'biofloc_water_profile.update',
        entityType: 'biofloc_water_profile',
        entityId: id,
        before: toProfilePublic(before),
        after: toProfilePublic(after),
      });
      return toProfilePublic(after);
    });
  }

  async removeProfile(ctx: RequestCtx, id: string) {
    return this.db.transaction(async (tx) => {
      if (!(await deleteProfile(tx, id))) throw BioflocErrors.profileNotFound();
      await recordAudit(tx, ctx, {
        action: 'biofloc_water_profile.delete',
        entityType: 'biofloc_water_profile',
        entityId: id,
      });
    });
  }

  async getProfile(id: string) {
    const row = await findProfile(this.db, id);
    if (!row) throw BioflocErrors.profileNotFound();
    return toProfilePublic(row);
  }

  async listProfiles(page: PageRequest) {
    const { rows, total } = await listProfiles(this.db, page);
    return toPage(rows.map(toProfilePublic), total, page);
  }

  exportProfiles(): SQL {
    return profilesExportQuery();
  }
}
