import { useTranslation } from 'react-i18next';
import { FormField } from './form-field';
import { NativeSelect } from './ui/input';

/** A list's status filter: every status of the document kind, or all of them. */
export function StatusFilter<S extends string>({
  id,
  statuses,
  value,
  onChange,
  label,
  filterLabel,
  allLabel,
}: {
  id: string;
  statuses: readonly S[];
  value: S | '';
  onChange: (status: S | '') => void;
  /** The status's name in the user's language. */
  label: (status: S) => string;
  /** The filter's own label, when not "Status filter" (default `orders.statusFilter`). */
  filterLabel?: string;
  /** The no-filter choice, when not "All statuses". */
  allLabel?: string;
}) {
  const { t } = useTranslation();
  return (
    <div className="max-w-xs">
      <FormField id={id} label={filterLabel ?? t('orders.statusFilter')}>
        <NativeSelect id={id} value={value} onChange={(e) => onChange(e.target.value as S | '')}>
          <option value="">{allLabel ?? t('orders.allStatuses')}</option>
          {statuses.map((s) => (
            <option key={s} value={s}>
              {label(s)}
            </option>
          ))}
        </NativeSelect>
      </FormField>
    </div>
  );
}
