import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useDeferredValue, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { useBins, useWarehouses } from '../../api/queries';
import { BinMatches, BinSearch } from '../../components/bin-picker';
import { FormField, invalid } from '../../components/form-field';
import { Alert } from '../../components/ui/alert';
import { Button } from '../../components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/card';
import { Input } from '../../components/ui/input';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '../../components/ui/table';
import { fieldErrorsOf, formErrorOf } from '../../lib/api-errors';
import { useAuth } from '../../lib/auth';
import { useIdempotencyKey } from '../../lib/use-idempotency-key';
import { BulkBins } from './bulk-bins';

function NewWarehouse() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [key, renewKey] = useIdempotencyKey();
  const create = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/v1/warehouses', { headers: { 'Idempotency-Key': key }, body: { code, name } }),
      ),
    onSuccess: () => {
      setCode('');
      setName('');
      renewKey();
      void queryClient.invalidateQueries({ queryKey: ['warehouses'] });
    },
  });
  const fields = fieldErrorsOf(create.error);
  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate();
  }
  return (
    <form onSubmit={submit} className="grid items-start gap-3 sm:grid-cols-[1fr_2fr_auto]" noValidate>
      <FormField id="warehouse-code" label={t('locations.code')} error={fields.code}>
        <Input
          id="warehouse-code"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          {...invalid('warehouse-code', fields.code)}
        />
      </FormField>
      <FormField id="warehouse-name" label={t('locations.name')} error={fields.name}>
        <Input
          id="warehouse-name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          {...invalid('warehouse-name', fields.name)}
        />
      </FormField>
      <Button type="submit" className="sm:mt-6" disabled={create.isPending}>
        {t('locations.addWarehouse')}
      </Button>
      {create.error && !fields.code && !fields.name ? (
        <Alert variant="destructive" className="sm:col-span-3">
          {formErrorOf(create.error, t)}
        </Alert>
      ) : null}
    </form>
  );
}

function Bins({ warehouseId, label }: { warehouseId: string; label: string }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const queryClient = useQueryClient();
  // A generated rack holds thousands: the list shows the first 100, or those a search finds.
  const [search, setSearch] = useState('');
  const bins = useBins(warehouseId, useDeferredValue(search.trim()));
  const [code, setCode] = useState('');
  const [key, renewKey] = useIdempotencyKey();
  const create = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/v1/warehouses/{id}/bins', {
          headers: { 'Idempotency-Key': key },
          params: { path: { id: warehouseId } },
          body: { code },
        }),
      ),
    onSuccess: () => {
      setCode('');
      renewKey();
      void queryClient.invalidateQueries({ queryKey: ['bins', warehouseId] });
    },
  });
  const fields = fieldErrorsOf(create.error);
  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate();
  }
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('locations.binsOf', { warehouse: label })}</CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        {can('POST /api/v1/warehouses/{id}/bins') ? (
          <form onSubmit={submit} className="grid items-start gap-3 sm:grid-cols-[1fr_auto]" noValidate>
            <FormField id="bin-code" label={t('locations.binCode')} error={fields.code}>
              <Input
                id="bin-code"
                value={code}
                onChange={(e) => setCode(e.target.value)}
                {...invalid('bin-code', fields.code)}
              />
            </FormField>
            <Button type="submit" className="sm:mt-6" disabled={create.isPending}>
              {t('locations.addBin')}
            </Button>
            {create.error && !fields.code ? (
              <Alert variant="destructive" className="sm:col-span-2">
                {formErrorOf(create.error, t)}
              </Alert>
            ) : null}
          </form>
        ) : null}
        {(bins.data?.total ?? 0) > 100 || search ? <BinSearch value={search} onChange={setSearch} /> : null}
        <ul className="flex flex-wrap gap-2" aria-label={t('locations.bins')}>
          {bins.data?.items.map((bin) => (
            <li key={bin.id} className="rounded border border-border px-2 py-1 text-sm">
              {bin.code}
              {bin.is_default ? ` (${t('locations.default')})` : ''}
            </li>
          ))}
        </ul>
        {bins.data ? <BinMatches page={bins.data} /> : null}
        {can('POST /api/v1/warehouses/{id}/bins/bulk') ? (
          <div className="border-t border-border pt-3">
            <BulkBins key={warehouseId} warehouseId={warehouseId} />
          </div>
        ) : null}
      </CardContent>
    </Card>
  );
}

/** Warehouses and their bins. */
export function WarehousesPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const warehouses = useWarehouses();
  const [selected, setSelected] = useState<string | null>(null);
  const current = warehouses.data?.items.find((w) => w.id === selected);
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">{t('locations.title')}</h1>
      {can('POST /api/v1/warehouses') ? <NewWarehouse /> : null}
      <Table>
        <TableHeader>
          <TableRow>
            <TableHead>{t('locations.code')}</TableHead>
            <TableHead>{t('locations.name')}</TableHead>
            <TableHead>
              <span className="sr-only">{t('common.actions')}</span>
            </TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {warehouses.data?.items.map((w) => (
            <TableRow key={w.id} className={w.id === selected ? 'bg-muted' : undefined}>
              <TableCell>{w.code}</TableCell>
              <TableCell>{w.name}</TableCell>
              <TableCell>
                <Button size="sm" variant="outline" onClick={() => setSelected(w.id)}>
                  {t('locations.bins')}
                  <span className="sr-only"> {w.code}</span>
                </Button>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {current ? <Bins key={current.id} warehouseId={current.id} label={current.code} /> : null}
    </div>
  );
}
