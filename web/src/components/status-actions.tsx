import { useAuth } from '../lib/auth';
import { Button } from './ui/button';

/** Which statuses an action applies to, and the API route whose roles decide who may use it. */
export interface ActionRule {
  from: readonly string[];
  route: string;
}

/**
 * The buttons of a document's status actions: only those its current status allows and the
 * user's role and modules may call.
 */
export function StatusActions<A extends string>({
  rules,
  status,
  label,
  onAct,
  pending,
  secondary = [],
}: {
  rules: Record<A, ActionRule>;
  status: string;
  label: (action: A) => string;
  onAct: (action: A) => void;
  pending: boolean;
  /** Actions drawn as outline buttons (cancel and the like). */
  secondary?: readonly A[];
}) {
  const { can } = useAuth();
  const allowed = (Object.keys(rules) as A[]).filter(
    (action) => rules[action].from.includes(status) && can(rules[action].route),
  );
  if (allowed.length === 0) return null;
  return (
    <div className="flex flex-wrap gap-2">
      {allowed.map((action) => (
        <Button
          key={action}
          type="button"
          variant={secondary.includes(action) ? 'outline' : 'default'}
          disabled={pending}
          onClick={() => onAct(action)}
        >
          {label(action)}
        </Button>
      ))}
    </div>
  );
}
