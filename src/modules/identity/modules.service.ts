import type { Db } from '../../db/client.js';
import type { RequestCtx } from '../../platform/request-ctx.js';
import { recordAudit } from '../audit/index.js';
import { IdentityErrors } from './identity.errors.js';
import { findModule, listModules, type ModuleRow, setModuleActive } from './modules.repo.js';
import type { PrincipalCache } from './principal-cache.js';

function toModulePublic(row: ModuleRow) {
  return {
    key: row.key,
    name: row.name,
    description: row.description,
    parent_key: row.parentKey,
    is_active: row.isActive,
    sort_order: row.sortOrder,
  };
}

/** The module registry (seed 001): what can be granted, and which modules are switched on. */
export class ModulesService {
  constructor(
    private readonly db: Db,
    private readonly principals: Pick<PrincipalCache<unknown>, 'forgetAll'>,
  ) {}

  async list() {
    return (await listModules(this.db)).map(toModulePublic);
  }

  /** Switches a module on or off; an inactive module is closed to every non-admin. */
  async setActive(ctx: RequestCtx, key: string, isActive: boolean) {
    const updated = await this.db.transaction(async (tx) => {
      const before = await findModule(tx, key);
      if (!before) throw IdentityErrors.moduleNotFound();
      const after = await setModuleActive(tx, key, isActive);
      await recordAudit(tx, ctx, {
        action: 'module.update',
        entityType: 'module',
        entityId: key,
        before: { is_active: before.isActive },
        after: { is_active: isActive },
      });
      return toModulePublic(after ?? before);
    });
    // Every user's grants may have changed.
    this.principals.forgetAll();
    return updated;
  }
}
