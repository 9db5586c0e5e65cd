import { type ColumnDef, flexRender, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { useTranslation } from 'react-i18next';
import { Button } from './ui/button';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from './ui/table';

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

/**
 * A TanStack table of one page of rows the server sorted and paged, with the pager under it when
 * the server pages. `numeric` columns (by id) are right-aligned.
 */
export function DataTable<Row>({
  columns,
  rows,
  rowId,
  paging,
  onPage,
  numeric = [],
  label,
}: {
  columns: ColumnDef<Row>[];
  rows: Row[];
  rowId?: (row: Row, index: number) => string;
  paging?: Paging | null | undefined;
  onPage?: (page: number) => void;
  numeric?: readonly string[];
  label?: string;
}) {
  const table = useReactTable({
    data: rows,
    columns,
    getCoreRowModel: getCoreRowModel(),
    manualPagination: true,
    pageCount: paging?.pages ?? -1,
    ...(rowId ? { getRowId: rowId } : {}),
  });
  const align = (id: string) => (numeric.includes(id) ? 'text-right' : undefined);
  return (
    <div className="flex flex-col gap-3">
      <Table aria-label={label}>
        <TableHeader>
          {table.getHeaderGroups().map((group) => (
            <TableRow key={group.id}>
              {group.headers.map((header) => (
                <TableHead key={header.id} className={align(header.column.id)}>
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
                <TableCell key={cell.id} className={align(cell.column.id)}>
                  {flexRender(cell.column.columnDef.cell, cell.getContext())}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {paging && onPage ? <Pager paging={paging} onPage={onPage} /> : null}
    </div>
  );
}
