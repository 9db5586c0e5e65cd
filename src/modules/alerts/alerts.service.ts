import type { Db, DbOrTx } from '../../db/client.js';
import type { Locale } from '../../platform/i18n.js';
import { type PageRequest, toPage } from '../../platform/pagination.js';
import type { RequestCtx } from '../../platform/request-ctx.js';
import { recordAudit } from '../audit/index.js';
import type { Mailer } from '../mail/index.js';
import type { ExpiringLotRow, LowStockRow } from '../stock/index.js';
import { alertMessage } from './alert-mail.js';
import { alertMails, type Mailbox } from './alert-recipients.js';
import { AlertErrors } from './alerts.errors.js';
import {
  type AlertFilter,
  type AlertRow,
  acknowledgeAlert,
  countOpenAlerts,
  findAlert,
  insertNewAlerts,
  listAlerts,
  type NewAlert,
} from './alerts.repo.js';
import type { AlertCheck, AlertKind } from './alerts.schemas.js';
import { businessDay } from './business-day.js';
import { subscriptionsTo } from './subscriptions.repo.js';

/** The stock figures alerts are raised from (the stock module's StockQueries). */
export interface AlertStock {
  expiringLots(filter: { today: string; withinDays: number }): Promise<ExpiringLotRow[]>;
  lowStock(filter?: { perWarehouse?: boolean }): Promise<LowStockRow[]>;
}

/** An alert another module raises: a biofloc tank's water quality, or its overdue water test. */
export interface RaisedAlert {
  kind: Extract<AlertKind, 'water_quality' | 'water_test_overdue'>;
  subjectId: string;
  subjectLabel: string;
  warehouseId?: string | null;
  sourceId?: string | null;
  parameter?: string | null;
  value?: number | null;
  threshold?: number | null;
}

/** Who alerts may be mailed to (the identity module's UsersService). */
export interface AlertMailboxes {
  mailboxes(): Promise<Mailbox[]>;
}

export interface AlertSettings {
  timezone: string;
  expiryDays: number;
  /** Low stock per warehouse holding the product, rather than over all warehouses. */
  lowStockPerWarehouse: boolean;
  defaultLocale: Locale;
}

export function toAlertPublic(row: AlertRow) {
  return {
    id: row.id,
    kind: row.kind as AlertKind,
    product_id: row.productId,
    sku: row.sku,
    product_name: row.productName,
    lot_id: row.lotId,
    lot_number: row.lotNumber,
    expiry_date: row.expiryDate,
    days_to_expiry: row.daysToExpiry,
    warehouse_id: row.warehouseId,
    warehouse_code: row.warehouseCode,
    on_hand: row.onHand,
    reorder_point: row.reorderPoint,
    subject_id: row.subjectId,
    subject_label: row.subjectLabel,
    source_id: row.sourceId,
    parameter: row.parameter,
    value: row.value,
    threshold: row.threshold,
    business_day: row.businessDay,
    created_at: row.createdAt.toISOString(),
    acknowledged_by: row.acknowledgedBy,
    acknowledged_at: row.acknowledgedAt?.toISOString() ?? null,
  };
}

const CHECK_KINDS: Record<AlertCheck, string[]> = {
  expiry: ['lot_expiring', 'lot_expired'],
  low_stock: ['low_stock'],
};

function expiryAlert(lot: ExpiringLotRow, day: string): NewAlert {
  return {
    kind: lot.days_to_expiry < 0 ? 'lot_expired' : 'lot_expiring',
    productId: lot.product_id,
    sku: lot.sku,
    productName: lot.product_name,
    lotId: lot.lot_id,
    lotNumber: lot.lot_number,
    expiryDate: lot.expiry_date,
    daysToExpiry: lot.days_to_expiry,
    warehouseId: lot.warehouse_id,
    warehouseCode: lot.warehouse_code,
    onHand: lot.on_hand,
    businessDay: day,
  };
}

function lowStockAlert(product: LowStockRow, day: string): NewAlert {
  return {
    kind: 'low_stock',
    productId: product.product_id,
    sku: product.sku,
    productName: product.product_name,
    warehouseId: product.warehouse_id,
    warehouseCode: product.warehouse_code,
    onHand: product.on_hand,
    reorderPoint: product.reorder_point,
    businessDay: day,
  };
}

/**
 * Expiry and low-stock alerts: the daily checks raise each alert once per business day and mail
 * the new ones to their subscribers, one mail per recipient per run.
 */
export class AlertsService {
  constructor(
    private readonly db: Db,
    private readonly stock: AlertStock,
    private readonly users: AlertMailboxes,
    private readonly mailer: Mailer,
    private readonly settings: AlertSettings,
  ) {}

  /**
   * Runs one check as of `now`: raises what is new for that business day, and queues the mails in
   * the same transaction (sent after the commit; failures are retried by the mail module).
   */
  async run(check: AlertCheck, now = new Date()) {
    const day = businessDay(now, this.settings.timezone);
    const candidates =
      check === 'expiry'
        ? (await this.stock.expiringLots({ today: day, withinDays: this.settings.expiryDays })).map((lot) =>
            expiryAlert(lot, day),
          )
        : (await this.stock.lowStock({ perWarehouse: this.settings.lowStockPerWarehouse })).map((product) =>
            lowStockAlert(product, day),
          );
    const { raised, mailIds } = await this.db.transaction((tx) =>
      this.insertAndQueue(tx, candidates, CHECK_KINDS[check], day),
    );
    await this.mailer.deliver(mailIds, now);
    return { kind: check, business_day: day, raised: raised.length, mails: mailIds.length };
  }

  /** Inserts what is new of `candidates` and queues the mails to their subscribers in `tx`. */
  private async insertAndQueue(tx: DbOrTx, candidates: NewAlert[], kinds: string[], day: string) {
    const raised = await insertNewAlerts(tx, candidates);
    if (raised.length === 0) return { raised, mailIds: [] };
    const subscriptions = await subscriptionsTo(tx, kinds);
    const mails = alertMails(
      raised,
      subscriptions,
      await this.users.mailboxes(),
      this.settings.defaultLocale,
    );
    const mailIds: string[] = [];
    for (const mail of mails) mailIds.push(await this.mailer.enqueue(tx, alertMessage(mail, day)));
    return { raised, mailIds };
  }

  /**
   * Raises another module's alerts inside its transaction (the record that raised them commits
   * with them) and queues their mails; answers the mail ids, for `deliver` once committed.
   */
  async raiseIn(
    tx: DbOrTx,
    alerts: RaisedAlert[],
    now = new Date(),
  ): Promise<{ raised: number; mailIds: string[] }> {
    const day = businessDay(now, this.settings.timezone);
    const candidates: NewAlert[] = alerts.map((alert) => ({ ...alert, businessDay: day }));
    const { raised, mailIds } = await this.insertAndQueue(
      tx,
      candidates,
      [...new Set(alerts.map((alert) => alert.kind))],
      day,
    );
    return { raised: raised.length, mailIds };
  }

  /** Sends mails queued by `raiseIn`, after their transaction committed (failures are retried). */
  async deliver(mailIds: string[], now = new Date()): Promise<void> {
    if (mailIds.length > 0) await this.mailer.deliver(mailIds, now);
  }

  /** How many alerts of a kind (and parameter) nobody has acknowledged yet. */
  countOpen(kind: AlertKind, parameter?: string): Promise<number> {
    return countOpenAlerts(this.db, kind, parameter);
  }

  async list(filter: AlertFilter, page: PageRequest) {
    const { rows, total } = await listAlerts(this.db, filter, page);
    return toPage(rows.map(toAlertPublic), total, page);
  }

  /** Marks an alert seen by the caller; only once (then 409). */
  async acknowledge(ctx: RequestCtx, id: string) {
    return this.db.transaction(async (tx) => {
      const row = await acknowledgeAlert(tx, id, ctx.actor?.id ?? null);
      if (!row) {
        if (await findAlert(tx, id)) throw AlertErrors.alreadyAcknowledged();
        throw AlertErrors.notFound();
      }
      await recordAudit(tx, ctx, {
        action: 'alert.acknowledge',
        entityType: 'alert',
        entityId: id,
        before: { acknowledged_at: null },
        after: { acknowledged_at: row.acknowledgedAt?.toISOString() ?? null },
      });
      return toAlertPublic(row);
    });
  }
}
