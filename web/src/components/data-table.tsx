import { type ColumnDef, flexRender, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { useTranslation } from 'react-i18next';
import { Button } from './ui/button';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from './ui/table';

/** One page of a list the server pages: `{items, pages, total}` as every list route answers. */
export interface ServerPage<T> {
  items: T[];
  pages: number;
  total: number;
}

/**
 * A TanStack table over one page the server returned, with previous/next under it; paging,
 * sorting and filtering happen on the server, so the table only renders what it was given.
 */
export function DataTable<T>({
  columns,
  data,
  page,
  onPage,
  rowClassName,
}: {
  columns: ColumnDef<T>[];
  data: ServerPage<T> | undefined;
  page: number;
  onPage: (page: number) => void;
  rowClassName?: (row: T) => string | undefined;
}) {
  const { t } = useTranslation();
  const table = useReactTable({
    data: data?.items ?? [],
    columns,
    getCoreRowModel: getCoreRowModel(),
    manualPagination: true,
    pageCount: data?.pages ?? 0,
  });
  const pages = Math.max(1, data?.pages ?? 1);
  return (
    <div className="flex flex-col gap-3">
      <Table>
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
        </TableBody>
      </Table>
      {pages > 1 || page > 1 ? (
        <div className="flex items-center gap-3">
          <Button variant="outline" size="sm" disabled={page <= 1} onClick={() => onPage(page - 1)}>
            {t('common.previous')}
          </Button>
          <span className="text-sm">{t('common.pageOf', { page, pages, total: data?.total ?? 0 })}</span>
          <Button variant="outline" size="sm" disabled={page >= pages} onClick={() => onPage(page + 1)}>
            {t('common.next')}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
