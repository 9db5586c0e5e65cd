import { type ColumnDef, flexRender, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { useTranslation } from 'react-i18next';
import { Button } from './ui/button';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from './ui/table';

/** One page of a server-paged list. */
export interface Page<T> {
  items: T[];
  page: number;
  pages: number;
  total: number;
}

/**
 * A TanStack table over rows the server pages: previous/next change `page`, the API does the rest.
 * Without `onPage` it is a plain table of every row given.
 */
export function PagedTable<T>({
  label,
  columns,
  data,
  onPage,
  rowKey,
}: {
  label: string;
  columns: ColumnDef<T, unknown>[];
  data: Page<T> | T[] | undefined;
  onPage?: (page: number) => void;
  rowKey?: (row: T) => string;
}) {
  const { t } = useTranslation();
  const rows = Array.isArray(data) ? data : (data?.items ?? []);
  const table = useReactTable({
    data: rows,
    columns,
    getCoreRowModel: getCoreRowModel(),
    manualPagination: true,
    ...(rowKey ? { getRowId: rowKey } : {}),
  });
  const paged = data && !Array.isArray(data) ? data : null;
  return (
    <div className="flex flex-col gap-2">
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
            <TableRow key={row.id}>
              {row.getVisibleCells().map((cell) => (
                <TableCell key={cell.id}>
                  {flexRender(cell.column.columnDef.cell, cell.getContext())}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {paged && onPage ? (
        <div className="flex flex-wrap items-center gap-3">
          <Button
            variant="outline"
            size="sm"
            disabled={paged.page <= 1}
            onClick={() => onPage(paged.page - 1)}
          >
            {t('common.previous')}
          </Button>
          <span className="text-sm">
            {t('common.pageOf', { page: paged.page, pages: Math.max(1, paged.pages), total: paged.total })}
          </span>
          <Button
            variant="outline"
            size="sm"
            disabled={paged.page >= paged.pages}
            onClick={() => onPage(paged.page + 1)}
          >
            {t('common.next')}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
