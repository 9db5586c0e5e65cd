import { type ColumnDef, flexRender, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { useTranslation } from 'react-i18next';
import { formErrorOf } from '../lib/api-errors';
import { Alert } from './ui/alert';
import { Button } from './ui/button';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from './ui/table';

/** One page of a list the server pages: `{items, pages, total}` as every list route answers. */
export interface PageData<T> {
  items: T[];
  total: number;
  pages: number;
}

/**
 * A TanStack table over one page the server chose (paging, filters and order are the API's), with
 * Previous/Next underneath; `label` names the table for screen readers, `rowClassName` marks rows.
 */
export function DataTable<T>({
  label,
  columns,
  data,
  page,
  onPage,
  rowKey,
  rowClassName,
  error,
}: {
  label?: string;
  /** A failed load: the API's message shows above the table. */
  error?: unknown;
  columns: ColumnDef<T>[];
  data: PageData<T> | undefined;
  page: number;
  onPage: (page: number) => void;
  rowKey?: (row: T) => string;
  rowClassName?: (row: T) => string | undefined;
}) {
  const { t } = useTranslation();
  const table = useReactTable({
    data: data?.items ?? [],
    columns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: rowKey,
    manualPagination: true,
    pageCount: data?.pages ?? 0,
  });
  const pages = Math.max(1, data?.pages ?? 1);
  return (
    <div className="flex flex-col gap-3">
      {error ? <Alert variant="destructive">{formErrorOf(error, t)}</Alert> : null}
      <Table aria-label={label}>
        <TableHeader>
          {table.getHeaderGroups().map((group) => (
            <TableRow key={group.id}>
              {group.headers.map((header) => (
                <TableHead key={header.id}>
                  {flexRender(header.column.columnDef.header, header.getContext())}
                </TableHead>
              ))}
            </TableRow>
          ))}
        </TableHeader>
        <TableBody>
          {table.getRowModel().rows.map((row) => (
            <TableRow key={row.id} className={rowClassName?.(row.original)}>
              {row.getVisibleCells().map((cell) => (
                <TableCell key={cell.id}>
                  {flexRender(cell.column.columnDef.cell, cell.getContext())}
                </TableCell>
              ))}
            </TableRow>
          ))}
          {data && data.items.length === 0 ? (
            <TableRow>
              <TableCell colSpan={columns.length} className="text-muted-foreground">
                {t('stockViews.none')}
              </TableCell>
            </TableRow>
          ) : null}
        </TableBody>
      </Table>
      <div className="flex items-center gap-3">
        <Button variant="outline" size="sm" disabled={page <= 1} onClick={() => onPage(page - 1)}>
          {t('common.previous')}
        </Button>
        <span className="text-sm">{t('common.pageOf', { page, pages, total: data?.total ?? 0 })}</span>
        <Button variant="outline" size="sm" disabled={page >= pages} onClick={() => onPage(page + 1)}>
          {t('common.next')}
        </Button>
      </div>
    </div>
  );
}
