import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import type { Product } from '../../api/queries';
import { useProductScan } from '../../api/use-product-scan';
import { FormCard } from '../../components/form-card';
import { FormField, invalid } from '../../components/form-field';
import { ScanField } from '../../components/scan-field';
import { Alert } from '../../components/ui/alert';
import { Button } from '../../components/ui/button';
import { Input } from '../../components/ui/input';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '../../components/ui/table';
import { WarehousePicker } from '../../components/warehouse-picker';
import { fieldErrorsOf, formErrorOf } from '../../lib/api-errors';
import { useAuth } from '../../lib/auth';
import { useFormat } from '../../lib/format';
import { useIdempotencyKey } from '../../lib/use-idempotency-key';

function NewTransfer() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [product, setProduct] = useState<Product | null>(null);
  const [lot, setLot] = useState<{ id: string; number: string } | null>(null);
  const [quantity, setQuantity] = useState('1');
  const [key, renewKey] = useIdempotencyKey();

  const { notice, setNotice, onScan } = useProductScan(async (found, scan) => {
    setProduct(found);
    if (scan.quantity) setQuantity(scan.quantity);
    setLot(null);
    if (scan.lot) {
      const lots = unwrap(
        await api.GET('/api/v1/products/{id}/lots', {
          params: { path: { id: found.id }, query: { search: scan.lot } },
        }),
      );
      const match = lots.items.find((l) => l.lot_number === scan.lot);
      if (match) setLot({ id: match.id, number: match.lot_number });
    }
  });

  const create = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/v1/stock-transfers', {
          headers: { 'Idempotency-Key': key },
          body: {
            from_warehouse_id: from,
            to_warehouse_id: to,
            product_id: product?.id ?? '',
            quantity: Number(quantity),
            ...(lot ? { lot_id: lot.id } : {}),
          },
        }),
      ),
    onSuccess: (transfer) => {
      setNotice(t('transfers.created', { number: transfer.transfer_number }));
      setProduct(null);
      setLot(null);
      setQuantity('1');
      renewKey();
      void queryClient.invalidateQueries({ queryKey: ['transfers'] });
    },
  });
  const fields = fieldErrorsOf(create.error);
  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate();
  }
  return (
    <FormCard title={t('transfers.new')} onSubmit={submit} className="flex flex-col gap-4">
      <div className="grid gap-4 md:grid-cols-2">
        <WarehousePicker
          id="from"
          label={t('transfers.from')}
          value={from}
          onChange={setFrom}
          error={fields.from_warehouse_id}
        />
        <WarehousePicker
          id="to"
          label={t('transfers.to')}
          value={to}
          onChange={setTo}
          error={fields.to_warehouse_id}
        />
      </div>
      <ScanField onScan={(scan) => void onScan(scan)} />
      {notice ? <Alert variant={create.isSuccess ? 'success' : 'default'}>{notice}</Alert> : null}
      {create.error ? <Alert variant="destructive">{formErrorOf(create.error, t)}</Alert> : null}
      {product ? (
        <p className="font-semibold" data-testid="transfer-product">
          {product.sku} · {product.name}
          {lot ? ` · ${t('stock.lot')} ${lot.number}` : ''}
        </p>
      ) : null}
      <div className="max-w-xs">
        <FormField id="transfer-qty" label={t('stock.quantity')} error={fields.quantity}>
          <Input
            id="transfer-qty"
            inputMode="decimal"
            value={quantity}
            onChange={(e) => setQuantity(e.target.value)}
            {...invalid('transfer-qty', fields.quantity)}
          />
        </FormField>
      </div>
      <div>
        <Button type="submit" disabled={create.isPending || !product}>
          {t('transfers.create')}
        </Button>
      </div>
    </FormCard>
  );
}

/** A warehouse code, with the bin's when the transfer names one. */
const place = (warehouse: string, bin: string | null) => (bin ? `${warehouse} · ${bin}` : warehouse);

/** Transfers between warehouses: pending ones hold a reservation until completed or cancelled. */
export function TransfersPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const queryClient = useQueryClient();
  const format = useFormat();
  const transfers = useQuery({
    queryKey: ['transfers'],
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/stock-transfers', { params: { query: { page_size: 50 } } })),
  });
  const act = useMutation({
    mutationFn: async ({ id, action }: { id: string; action: 'complete' | 'cancel' }) =>
      action === 'complete'
        ? unwrap(await api.POST('/api/v1/stock-transfers/{id}/complete', { params: { path: { id } } }))
        : unwrap(await api.POST('/api/v1/stock-transfers/{id}/cancel', { params: { path: { id } } })),
    onSettled: () => void queryClient.invalidateQueries(),
  });
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">{t('transfers.title')}</h1>
      {can('POST /api/v1/stock-transfers') ? <NewTransfer /> : null}
      {act.error ? <Alert variant="destructive">{formErrorOf(act.error, t)}</Alert> : null}
      <Table>
        <TableHeader>
          <TableRow>
            <TableHead>{t('transfers.number')}</TableHead>
            <TableHead>{t('transfers.route')}</TableHead>
            <TableHead>{t('transfers.products')}</TableHead>
            <TableHead className="text-right">{t('stock.quantity')}</TableHead>
            <TableHead>{t('common.status')}</TableHead>
            <TableHead>
              <span className="sr-only">{t('common.actions')}</span>
            </TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {transfers.data?.items.map((tr) => (
            <TableRow key={tr.id}>
              <TableCell>{tr.transfer_number}</TableCell>
              <TableCell>
                {place(tr.from_warehouse_code, tr.from_bin_code)} →{' '}
                {place(tr.to_warehouse_code, tr.to_bin_code)}
              </TableCell>
              <TableCell>
                {tr.lines.map((line) => (
                  <div key={line.id}>
                    {[line.sku, line.product_name, line.lot_number].filter(Boolean).join(' · ')}
                  </div>
                ))}
              </TableCell>
              <TableCell className="text-right">
                {tr.lines.map((line) => (
                  <div key={line.id}>{format.quantity(line.quantity)}</div>
                ))}
              </TableCell>
              <TableCell>{t(`transfers.status.${tr.status}`)}</TableCell>
              <TableCell className="flex gap-2">
                {tr.status === 'pending' && can('POST /api/v1/stock-transfers/{id}/complete') ? (
                  <>
                    <Button
                      size="sm"
                      disabled={act.isPending}
                      onClick={() => act.mutate({ id: tr.id, action: 'complete' })}
                    >
                      {t('transfers.complete')}
                    </Button>
                    <Button
                      size="sm"
                      variant="outline"
                      disabled={act.isPending}
                      onClick={() => act.mutate({ id: tr.id, action: 'cancel' })}
                    >
                      {t('transfers.cancel')}
                    </Button>
                  </>
                ) : null}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
