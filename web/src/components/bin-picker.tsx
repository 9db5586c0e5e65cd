import { type KeyboardEvent, useDeferredValue, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Bin, useBin, useBins } from '../api/queries';
import { FormField, invalid } from './form-field';
import { Input, NativeSelect } from './ui/input';

/**
 * A bin of one warehouse. Up to 100 bins it is one list; a larger warehouse (a generated rack
 * of thousands) gets a code search beside it, answered by the API, and a code typed or scanned in
 * full picks its bin at once.
 */
export function BinPicker({
  id,
  warehouseId,
  value,
  onChange,
  error,
  required = false,
}: {
  id: string;
  warehouseId: string;
  value: string;
  onChange: (binId: string) => void;
  error?: string | undefined;
  /** A bin must be chosen (no fallback to the warehouse's default bin, which is marked instead). */
  required?: boolean;
}) {
  const { t } = useTranslation();
  // A search belongs to its warehouse: another warehouse starts with none.
  const [searched, setSearched] = useState({ warehouseId, text: '' });
  const search = searched.warehouseId === warehouseId ? searched.text : '';
  const setSearch = (text: string) => setSearched({ warehouseId, text });
  const [picked, setPicked] = useState<Bin>();
  const deferred = useDeferredValue(search.trim());
  const all = useBins(warehouseId || undefined);
  const found = useBins(warehouseId || undefined, deferred);
  const many = (all.data?.total ?? 0) > (all.data?.items.length ?? 0);
  const shown = (many ? found.data : all.data) ?? { items: [], total: 0 };
  // The chosen bin stays a choice while a search shows others; one chosen elsewhere (a scanned
  // label, a link) past the first 100 is read by id.
  const listed = picked?.id === value ? picked : all.data?.items.find((bin) => bin.id === value);
  const byId = useBin(value && all.data && !listed ? value : undefined);
  const chosen = listed ?? (byId.data?.warehouse_id === warehouseId ? byId.data : undefined);
  const choices =
    chosen && !shown.items.some((bin) => bin.id === chosen.id) ? [chosen, ...shown.items] : shown.items;
  const exact = deferred
    ? found.data?.items.find((bin) => bin.code.toLowerCase() === deferred.toLowerCase())
    : undefined;

  // A code typed or scanned in full picks its bin as soon as the search answers, once per search
  // (choosing another bin from the list afterwards stands).
  const pickedFor = useRef('');
  useEffect(() => {
    const search = `${warehouseId} ${deferred}`;
    if (!exact || pickedFor.current === search) return;
    pickedFor.current = search;
    setPicked(exact);
    onChange(exact.id);
  }, [exact, warehouseId, deferred, onChange]);

  function choose(binId: string) {
    setPicked(choices.find((bin) => bin.id === binId));
    onChange(binId);
  }

  return (
    <FormField id={id} label={t('stock.bin')} error={error}>
      <div className="flex flex-col gap-2">
        {many ? <BinSearch value={search} onChange={setSearch} /> : null}
        <NativeSelect id={id} value={value} onChange={(e) => choose(e.target.value)} {...invalid(id, error)}>
          <option value="">{required ? t('common.choose') : t('stock.defaultBin')}</option>
          {choices.map((bin) => (
            <option key={bin.id} value={bin.id}>
              {bin.code}
              {required && bin.is_default ? ` (${t('stock.defaultBin')})` : ''}
            </option>
          ))}
        </NativeSelect>
        {many ? <BinMatches page={shown} /> : null}
      </div>
    </FormField>
  );
}

/** A search of a warehouse's bins by code. A scanner ends a code with Enter: it finishes the search, not a form. */
export function BinSearch({ value, onChange }: { value: string; onChange: (text: string) => void }) {
  const { t } = useTranslation();
  return (
    <Input
      type="search"
      aria-label={t('stock.binSearch')}
      placeholder={t('stock.binSearch')}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      onKeyDown={(event: KeyboardEvent<HTMLInputElement>) => {
        if (event.key === 'Enter') event.preventDefault();
      }}
    />
  );
}

/** How many of the bins that match a list shows, when it cannot show them all. */
export function BinMatches({ page }: { page: { items: unknown[]; total: number } }) {
  const { t } = useTranslation();
  if (page.total <= page.items.length) return null;
  return (
    <p className="text-sm text-muted-foreground">
      {t('stock.binMatches', { shown: page.items.length, total: page.total })}
    </p>
  );
}
