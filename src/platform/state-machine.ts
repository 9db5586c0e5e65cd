import type { AppError } from './errors.js';

/** One action of a document's lifecycle: the statuses it may start from, and where it leads. */
export interface Transition<S extends string> {
  from: readonly S[];
  to: S;
}

/**
 * A document's lifecycle (purchase, sales and work orders, transfers, and the documents to come):
 * its actions and the error it answers with when an action does not fit the current status.
 */
export class StateMachine<A extends string, S extends string> {
  constructor(
    readonly transitions: Record<A, Transition<S>>,
    private readonly illegal: (params: { action: string; status: string }) => AppError,
  ) {}

  /** The status `action` leads to from `status`; the document's illegal-transition error if it may not. */
  next(action: A, status: string): S {
    const rule = this.transitions[action];
    this.require(action, status, rule.from);
    return rule.to;
  }

  /** For actions that work inside a status (ship, produce, report progress): throws unless it is allowed. */
  require(action: string, status: string, allowed: readonly string[]): void {
    if (!allowed.includes(status)) throw this.illegal({ action, status });
  }
}
