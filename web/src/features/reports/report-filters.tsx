import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { FormField, invalid } from '../../components/form-field';
import { Input, NativeSelect } from '../../components/ui/input';
import { WarehousePicker } from '../../components/warehouse-picker';
import type { ReportFilter } from './report-definitions';

function useCategories(enabled: boolean) {
  return useQuery({
    queryKey: ['categories'],
    enabled,
    queryFn: async () => unwrap(await api.GET('/api/v1/categories')),
  });
}

/** One report filter's control, labelled, with the API's message for its parameter under it. */
export function ReportFilterField({
  filter,
  value,
  onChange,
  error,
}: {
  filter: ReportFilter;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  const categories = useCategories(filter.kind === 'category');
  const id = `filter-${filter.name}`;
  const label = t(`reports.filters.${filter.name}`);
  if (filter.kind === 'warehouse')
    return (
      <WarehousePicker
        id={id}
        value={value}
        onChange={onChange}
        error={error}
        emptyLabel={t('reports.allWarehouses')}
      />
    );
  if (filter.kind === 'boolean')
    return (
      <div className="flex flex-col justify-end gap-1.5">
        <label htmlFor={id} className="flex h-10 items-center gap-2 text-sm font-medium">
          <input
            id={id}
            type="checkbox"
            className="size-4 accent-primary"
            checked={value === 'true'}
            onChange={(e) => onChange(e.target.checked ? 'true' : 'false')}
          />
          {label}
        </label>
        {error ? <p className="text-sm text-destructive">{error}</p> : null}
      </div>
    );
  return (
    <FormField id={id} label={label} error={error}>
      {filter.kind === 'choice' || filter.kind === 'category' ? (
        <NativeSelect
          id={id}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          {...invalid(id, error)}
        >
          {filter.initial ? null : <option value="">{t('reports.all')}</option>}
          {filter.kind === 'category'
            ? categories.data?.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))
            : filter.choices?.map((choice) => (
                <option key={choice} value={choice}>
                  {t(`reports.values.${filter.name}.${choice}`)}
                </option>
              ))}
        </NativeSelect>
      ) : (
        <Input
          id={id}
          type={filter.kind === 'number' ? 'number' : 'date'}
          inputMode={filter.kind === 'number' ? 'numeric' : undefined}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          {...invalid(id, error)}
        />
      )}
    </FormField>
  );
}
