import { useTranslation } from 'react-i18next';
import { useWarehouses } from '../api/queries';
import { FormField, invalid } from './form-field';
import { NativeSelect } from './ui/input';

/** A warehouse choice; the API's message for the field shows under it. */
export function WarehousePicker({
  id,
  label,
  value,
  onChange,
  error,
  emptyLabel,
}: {
  id: string;
  /** The choice of none (a filter's "all warehouses"); "choose" by default. */
  emptyLabel?: string;
  label?: string;
  value: string;
  onChange: (id: string) => void;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  const warehouses = useWarehouses();
  return (
    <FormField id={id} label={label ?? t('stock.warehouse')} error={error}>
      <NativeSelect id={id} value={value} onChange={(e) => onChange(e.target.value)} {...invalid(id, error)}>
        <option value="">{emptyLabel ?? t('common.choose')}</option>
        {warehouses.data?.items.map((w) => (
          <option key={w.id} value={w.id}>
            {w.code} · {w.name}
          </option>
        ))}
      </NativeSelect>
    </FormField>
  );
}
