import type { ReactNode } from 'react';
import { StatusBadge } from './status-badge';
import { CardHeader, CardTitle } from './ui/card';

/** The head of an order's card: its number, who it is for, its status and a few facts beside. */
export function OrderHeader({
  number,
  party,
  status,
  statusLabel,
  facts = [],
  statusTestId,
}: {
  number: string;
  party?: string | undefined;
  status: string;
  statusLabel: string;
  /** Label and value pairs (total, dates, progress) shown under the title. */
  facts?: { label: string; value: ReactNode }[];
  statusTestId?: string;
}) {
  return (
    <CardHeader className="flex flex-col gap-2">
      <CardTitle className="flex flex-wrap items-center gap-2">
        <span>{number}</span>
        {party ? <span className="font-normal">· {party}</span> : null}
        <span data-testid={statusTestId}>
          <StatusBadge status={status} label={statusLabel} />
        </span>
      </CardTitle>
      {facts.length > 0 ? (
        <dl className="flex flex-wrap gap-x-6 gap-y-1 text-sm">
          {facts.map((fact) => (
            <div key={fact.label} className="flex gap-1">
              <dt className="text-muted-foreground">{fact.label}:</dt>
              <dd className="font-medium">{fact.value}</dd>
            </div>
          ))}
        </dl>
      ) : null}
    </CardHeader>
  );
}
