import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Button } from '../../components/ui/button';
import { useAuth } from '../../lib/auth';
import { cn } from '../../lib/utils';
import type { Tank } from './queries';

/** The tanks as tiles: status, the batch in each (to its page), pick one for the forms below, edit. */
export function TankGrid({
  tanks,
  selected,
  onSelect,
  onEdit,
}: {
  tanks: Tank[];
  selected: string;
  onSelect: (id: string) => void;
  onEdit: (tank: Tank) => void;
}) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const editable = can('PATCH /api/v1/biofloc/tanks/{id}');
  return (
    <ul className="grid grid-cols-2 gap-3 md:grid-cols-4 xl:grid-cols-6" aria-label={t('biofloc.tanks')}>
      {tanks.map((tank) => (
        <li
          key={tank.id}
          className={cn(
            'flex flex-col gap-1 rounded-lg border-2 p-3',
            tank.id === selected ? 'border-primary bg-muted' : 'border-border',
          )}
        >
          <button
            type="button"
            onClick={() => onSelect(tank.id)}
            aria-pressed={tank.id === selected}
            className="rounded text-left font-bold focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
          >
            {tank.tank_code}
            <span className="block text-sm font-normal text-muted-foreground">{tank.tank_name}</span>
          </button>
          <span className="text-sm">{t(`biofloc.status.${tank.status}`)}</span>
          {tank.current_batch_id ? (
            <Link
              to={`/biofloc/batches/${tank.current_batch_id}`}
              className="text-sm text-primary underline underline-offset-2"
            >
              {t('biofloc.batchCount', {
                batch: tank.current_batch_code,
                count: tank.current_batch_count ?? 0,
              })}
            </Link>
          ) : (
            <span className="text-sm">{t('biofloc.empty')}</span>
          )}
          {editable ? (
            <Button size="sm" variant="outline" className="mt-auto" onClick={() => onEdit(tank)}>
              {t('common.edit')}
              <span className="sr-only"> {tank.tank_code}</span>
            </Button>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
