import type { Db } from '../../db/client.js';
import { Errors } from '../../platform/errors.js';
import { type PageRequest, toPage } from '../../platform/pagination.js';
import type { RequestCtx } from '../../platform/request-ctx.js';
import { recordAudit } from '../audit/index.js';
import { AlertErrors } from './alerts.errors.js';
import type { SubscriptionChanges, SubscriptionCreate, SubscriptionKind } from './alerts.schemas.js';
import type { AlertMailboxes } from './alerts.service.js';
import {
  deleteSubscription,
  findSubscription,
  insertSubscription,
  listSubscriptions,
  type SubscriptionRow,
  updateSubscription,
} from './subscriptions.repo.js';

export function toSubscriptionPublic(row: SubscriptionRow) {
  return {
    id: row.id,
    user_id: row.userId,
    role: row.role as 'admin' | 'manager' | 'warehouse' | 'viewer' | null,
    module: row.module,
    kinds: row.kinds as SubscriptionKind[],
    warehouse_id: row.warehouseId,
    locale: row.locale as 'en' | 'hu',
    version: row.version,
    created_at: row.createdAt.toISOString(),
  };
}

function actorOf(ctx: RequestCtx) {
  if (!ctx.actor) throw Errors.unauthorized();
  return ctx.actor;
}

/** Who is mailed alerts: users manage their own subscriptions, admins anyone's (and roles' and modules'). */
export class SubscriptionsService {
  constructor(
    private readonly db: Db,
    private readonly users: AlertMailboxes,
  ) {}

  /** A subscription the caller may see and change; another user's is "not found" to a non-admin. */
  private async visible(ctx: RequestCtx, id: string): Promise<SubscriptionRow> {
    const actor = actorOf(ctx);
    const row = await findSubscription(this.db, id);
    if (!row || (actor.role !== 'admin' && row.userId !== actor.id)) throw AlertErrors.subscriptionNotFound();
    return row;
  }

  async list(ctx: RequestCtx, userId: string | undefined, page: PageRequest) {
    const actor = actorOf(ctx);
    const whose = actor.role === 'admin' ? userId : actor.id;
    const { rows, total } = await listSubscriptions(this.db, whose, page);
    return toPage(rows.map(toSubscriptionPublic), total, page);
  }

  async get(ctx: RequestCtx, id: string) {
    return toSubscriptionPublic(await this.visible(ctx, id));
  }

  async create(ctx: RequestCtx, body: SubscriptionCreate) {
    const actor = actorOf(ctx);
    const audiences = [body.user_id, body.role, body.module].filter((value) => value !== undefined);
    if (audiences.length > 1) throw AlertErrors.audienceRequired();
    const userId = audiences.length === 0 ? actor.id : body.user_id;
    if (actor.role !== 'admin' && userId !== actor.id) throw AlertErrors.othersForbidden();
    if (userId && userId !== actor.id) {
      const known = (await this.users.mailboxes()).some((mailbox) => mailbox.id === userId);
      if (!known) throw AlertErrors.userNotFound();
    }
    return this.db.transaction(async (tx) => {
      const row = await insertSubscription(tx, {
        userId: userId ?? null,
        role: body.role ?? null,
        module: body.module ?? null,
        kinds: body.kinds,
        warehouseId: body.warehouse_id ?? null,
        locale: body.locale ?? ctx.locale,
        createdBy: actor.id,
      });
      const created = toSubscriptionPublic(row);
      await recordAudit(tx, ctx, {
        action: 'alert_subscription.create',
        entityType: 'alert_subscription',
        entityId: row.id,
        after: created,
      });
      return created;
    });
  }

  async update(ctx: RequestCtx, id: string, changes: SubscriptionChanges, version?: number) {
    const before = await this.visible(ctx, id);
    return this.db.transaction(async (tx) => {
      const row = await updateSubscription(
        tx,
        id,
        {
          ...(changes.kinds ? { kinds: changes.kinds } : {}),
          ...(changes.warehouse_id !== undefined ? { warehouseId: changes.warehouse_id } : {}),
          ...(changes.locale ? { locale: changes.locale } : {}),
        },
        version,
      );
      if (!row) {
        if (await findSubscription(tx, id)) throw Errors.stale();
        throw AlertErrors.subscriptionNotFound();
      }
      const updated = toSubscriptionPublic(row);
      await recordAudit(tx, ctx, {
        action: 'alert_subscription.update',
        entityType: 'alert_subscription',
        entityId: id,
        before: toSubscriptionPublic(before),
        after: updated,
      });
      return updated;
    });
  }

  async remove(ctx: RequestCtx, id: string): Promise<void> {
    const before = await this.visible(ctx, id);
    await this.db.transaction(async (tx) => {
      await deleteSubscription(tx, id);
      await recordAudit(tx, ctx, {
        action: 'alert_subscription.delete',
        entityType: 'alert_subscription',
        entityId: id,
        before: toSubscriptionPublic(before),
      });
    });
  }
}
