import {
  type ColumnDef,
  flexRender,
  getCoreRowModel,
  type Header,
  type RowData,
  useReactTable,
} from '@tanstack/react-table';
import { useTranslation } from 'react-i18next';
import { formErrorOf } from '../lib/api-errors';
import { Alert } from './ui/alert';
import { Button } from './ui/button';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from './ui/table';

declare module '@tanstack/react-table' {
  interface ColumnMeta<TData extends RowData, TValue> {
    /** The API's sort key for this column (`name` → `sort_by=name_asc|name_desc`). */
    sortKey?: string;
  }
}

/** The server's order: `sort_by` as the list route takes it (`name_asc`), and how to change it. */
export interface ServerSort {
  by: string;
  onSort: (by: string) => void;
}

/**
 * A column header: a button that orders the list by this column on the server (ascending first,
 * then descending), with `aria-sort` saying how it is ordered now, when the column is sortable.
 */
function HeaderCell<Row>({ header, sort }: { header: Header<Row, unknown>; sort: ServerSort | undefined }) {
  const content = flexRender(header.column.columnDef.header, header.getContext());
  const key = header.column.columnDef.meta?.sortKey;
  if (!sort || !key) return content;
  const direction = sort.by === `${key}_asc` ? 'ascending' : sort.by === `${key}_desc` ? 'descending' : null;
  return (
    <button
      type="button"
      className="inline-flex items-center gap-1 font-medium hover:underline focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
      onClick={() => sort.onSort(direction === 'ascending' ? `${key}_desc` : `${key}_asc`)}
    >
      {content}
      <span aria-hidden="true">
        {direction === 'ascending' ? '▲' : direction === 'descending' ? '▼' : '↕'}
      </span>
    </button>
  );
}

/** One page of a list the server pages: `{items, pages, total}` as every list route answers. */
export interface PageData<T> {
  items: T[];
  total: number;
  pages: number;
}

/**
 * The numbered form of a list answer that may also come by keyset cursor: a request with `page`
 * never gets the cursor form, which is taken as one page of what it holds.
 */
export function numberedPage<T>(
  data: { items: T[] } & ({ total: number; pages: number } | { next_cursor: string | null }),
): PageData<T> {
  return 'pages' in data ? data : { items: data.items, total: data.items.length, pages: 1 };
}

export interface Paging {
  page: number;
  pages: number;
  total: number;
}

/** Previous / next through the pages the server counts. */
export function Pager({ paging, onPage }: { paging: Paging; onPage: (page: number) => void }) {
  const { t } = useTranslation();
  const pages = Math.max(1, paging.pages);
  return (
    <div className="flex flex-wrap items-center gap-3">
      <Button variant="outline" size="sm" disabled={paging.page <= 1} onClick={() => onPage(paging.page - 1)}>
        {t('common.previous')}
      </Button>
      <span className="text-sm">{t('common.pageOf', { page: paging.page, pages, total: paging.total })}</span>
      <Button
        variant="outline"
        size="sm"
        disabled={paging.page >= pages}
        onClick={() => onPage(paging.page + 1)}
      >
        {t('common.next')}
      </Button>
    </div>
  );
}

function ariaSort(key: string | undefined, sort: ServerSort | undefined) {
  if (!key || !sort) return undefined;
  if (sort.by === `${key}_asc`) return 'ascending' as const;
  if (sort.by === `${key}_desc`) return 'descending' as const;
  return 'none' as const;
}

/**
 * A TanStack table over rows the server sorted, filtered and paged. Give it a page the API
 * answered (`data` and the `page` shown) or plain `rows` (with `paging` when they are paged); the
 * pager shows under it when paged. `numeric` columns (by id) are right-aligned, `label` names the
 * table for screen readers, a failed load (`error`) shows the API's message above it. With `sort`,
 * the headers of columns with a `meta.sortKey` order the list on the server.
 */
export function DataTable<Row>({
  columns,
  data,
  page,
  rows,
  paging,
  onPage,
  rowKey,
  rowClassName,
  numeric = [],
  label,
  error,
  sort,
}: {
  columns: ColumnDef<Row>[];
  data?: PageData<Row> | undefined;
  page?: number;
  rows?: Row[];
  paging?: Paging | null | undefined;
  onPage?: (page: number) => void;
  rowKey?: (row: Row) => string;
  rowClassName?: (row: Row) => string | undefined;
  numeric?: readonly string[];
  label?: string;
  error?: unknown;
  sort?: ServerSort;
}) {
  const { t } = useTranslation();
  const shown = rows ?? data?.items ?? [];
  const pager =
    paging ?? (page === undefined ? null : { page, pages: data?.pages ?? 1, total: data?.total ?? 0 });
  const table = useReactTable({
    data: shown,
    columns,
    getCoreRowModel: getCoreRowModel(),
    manualPagination: true,
    pageCount: pager?.pages ?? -1,
    ...(rowKey ? { getRowId: rowKey } : {}),
  });
  const align = (id: string) => (numeric.includes(id) ? 'text-right' : undefined);
  return (
    <div className="flex flex-col gap-3">
      {error ? <Alert variant="destructive">{formErrorOf(error, t)}</Alert> : null}
      <Table aria-label={label}>
        <TableHeader>
          {table.getHeaderGroups().map((group) => (
            <TableRow key={group.id}>
              {group.headers.map((header) => (
                <TableHead
                  key={header.id}
                  className={align(header.column.id)}
                  aria-sort={ariaSort(header.column.columnDef.meta?.sortKey, sort)}
                >
                  <HeaderCell header={header} sort={sort} />
                </TableHead>
              ))}
            </TableRow>
          ))}
        </TableHeader>
        <TableBody>
          {table.getRowModel().rows.map((row) => (
            <TableRow key={row.id} className={rowClassName?.(row.original)}>
              {row.getVisibleCells().map((cell) => (
                <TableCell key={cell.id} className={align(cell.column.id)}>
                  {flexRender(cell.column.columnDef.cell, cell.getContext())}
                </TableCell>
              ))}
            </TableRow>
          ))}
          {(data || rows) && shown.length === 0 ? (
            <TableRow>
              <TableCell colSpan={columns.length} className="text-muted-foreground">
                {t('stockViews.none')}
              </TableCell>
            </TableRow>
          ) : null}
        </TableBody>
      </Table>
      {pager && onPage ? <Pager paging={pager} onPage={onPage} /> : null}
    </div>
  );
}
