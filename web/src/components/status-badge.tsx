import { cn } from '../lib/utils';

// Each document status by what it means for the work, so every order kind colours alike.
const TONES: Record<string, string> = {
  draft: 'bg-muted text-foreground',
  planned: 'bg-muted text-foreground',
  submitted: 'bg-blue-100 text-primary',
  approved: 'bg-blue-100 text-primary',
  confirmed: 'bg-blue-100 text-primary',
  released: 'bg-blue-100 text-primary',
  in_progress: 'bg-amber-100 text-warning',
  partially_received: 'bg-amber-100 text-warning',
  partially_shipped: 'bg-amber-100 text-warning',
  received: 'bg-green-100 text-success',
  shipped: 'bg-green-100 text-success',
  completed: 'bg-green-100 text-success',
  closed: 'bg-muted text-muted-foreground',
  cancelled: 'bg-red-100 text-destructive',
};

/** A document's status as a coloured label (the colour only repeats what the text says). */
export function StatusBadge({ status, label }: { status: string; label: string }) {
  return (
    <span
      data-status={status}
      className={cn(
        'inline-block rounded px-2 py-0.5 text-xs font-semibold whitespace-nowrap',
        TONES[status] ?? 'bg-muted text-foreground',
      )}
    >
      {label}
    </span>
  );
}
