import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ColumnDef } from '@tanstack/react-table';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrorsOf, formErrorOf } from '../lib/api-errors';
import { useIdempotencyKey } from '../lib/use-idempotency-key';
import { DataTable, type PageData } from './data-table';
import { FormCard } from './form-card';
import { type OrderLine, OrderLinesEditor } from './order-lines-editor';
import { StatusFilter } from './status-filter';
import { Alert } from './ui/alert';
import { Button } from './ui/button';

const PAGE_SIZE = 20;

/** A priced order line as the API takes it. */
export interface PricedLine {
  product_id: string;
  quantity: number;
  unit_price: number;
}

/**
 * A new order written from scans: the header fields (`children`, given the API's field errors),
 * the lines with their prices, one Idempotency-Key per order; the created order is opened.
 */
export function NewOrderCard<T extends { id: string }>({
  title,
  submitLabel,
  idPrefix,
  scanId,
  priceLabel,
  queryKey,
  post,
  onCreated,
  children,
}: {
  title: string;
  submitLabel: string;
  idPrefix: string;
  scanId?: string;
  priceLabel: string;
  /** The list refetched once the order is created. */
  queryKey: string;
  post: (lines: PricedLine[], idempotencyKey: string) => Promise<T>;
  onCreated: (id: string) => void;
  children: (fields: Record<string, string>) => ReactNode;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [lines, setLines] = useState<OrderLine[]>([]);
  const [key, renewKey] = useIdempotencyKey();
  const create = useMutation({
    mutationFn: () =>
      post(
        lines.map((l) => ({
          product_id: l.product.id,
          quantity: Number(l.quantity),
          unit_price: Number(l.price),
        })),
        key,
      ),
    onSuccess: (order) => {
      setLines([]);
      renewKey();
      void queryClient.invalidateQueries({ queryKey: [queryKey] });
      onCreated(order.id);
    },
  });
  const fields = fieldErrorsOf(create.error);
  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate();
  }
  return (
    <FormCard title={title} onSubmit={submit}>
      {children(fields)}
      <OrderLinesEditor
        idPrefix={idPrefix}
        {...(scanId ? { scanId } : {})}
        lines={lines}
        onChange={setLines}
        fields={fields}
        priceLabel={priceLabel}
      />
      {create.error ? <Alert variant="destructive">{formErrorOf(create.error, t)}</Alert> : null}
      <div>
        <Button type="submit" disabled={create.isPending || lines.length === 0}>
          {submitLabel}
        </Button>
      </div>
    </FormCard>
  );
}

/** The list state of an order page: the status filter, the page, and the order open under the list. */
export function useOrderList<Row, S extends string>(
  key: string,
  list: (query: { page: number; page_size: number; status?: S }) => Promise<PageData<Row>>,
) {
  const [selected, setSelected] = useState<string | null>(null);
  const [status, setStatus] = useState<S | ''>('');
  const [page, setPage] = useState(1);
  const orders = useQuery({
    queryKey: [key, status, page],
    placeholderData: keepPreviousData,
    queryFn: () => list({ page, page_size: PAGE_SIZE, ...(status ? { status } : {}) }),
  });
  return { selected, setSelected, status, setStatus, page, setPage, orders };
}

/**
 * An order page: its title, the new-order form (for the roles that may), the list filtered by
 * status with an Open button per row, and the open order under it.
 */
export function OrderListPage<Row extends { id: string }, S extends string>({
  title,
  state,
  create,
  filterId,
  statuses,
  statusLabel,
  columns,
  numberOf,
  detail,
}: {
  title: string;
  state: ReturnType<typeof useOrderList<Row, S>>;
  create: ReactNode;
  filterId: string;
  statuses: readonly S[];
  statusLabel: (status: S) => string;
  columns: ColumnDef<Row>[];
  /** The order's number, in its Open button's accessible name. */
  numberOf: (row: Row) => string;
  detail: (id: string) => ReactNode;
}) {
  const { t } = useTranslation();
  const { selected, setSelected, status, setStatus, page, setPage, orders } = state;
  const open: ColumnDef<Row> = {
    id: 'open',
    header: () => <span className="sr-only">{t('common.actions')}</span>,
    cell: ({ row }) => (
      <Button size="sm" variant="outline" onClick={() => setSelected(row.original.id)}>
        {t('orders.open')}
        <span className="sr-only"> {numberOf(row.original)}</span>
      </Button>
    ),
  };
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">{title}</h1>
      {create}
      <StatusFilter
        id={filterId}
        statuses={statuses}
        value={status}
        onChange={(next) => {
          setStatus(next);
          setPage(1);
        }}
        label={statusLabel}
      />
      <DataTable
        columns={[...columns, open]}
        data={orders.data}
        page={page}
        onPage={setPage}
        rowClassName={(row) => (row.id === selected ? 'bg-muted' : undefined)}
      />
      {selected ? detail(selected) : null}
    </div>
  );
}
