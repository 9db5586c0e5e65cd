import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiFailure, api, asApiError, unwrap } from '../../api/client';
import { Alert } from '../../components/ui/alert';
import { Button } from '../../components/ui/button';
import { NativeSelect } from '../../components/ui/input';
import { Label } from '../../components/ui/label';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '../../components/ui/table';
import { WarehousePicker } from '../../components/warehouse-picker';
import { formErrorOf } from '../../lib/api-errors';

/** The reports on this page and the columns each shows (the downloads hold every column). */
const REPORTS = {
  'stock-on-hand': ['sku', 'product_name', 'warehouse_code', 'bin_code', 'lot_number', 'quantity', 'value'],
  fefo: [
    'sku',
    'product_name',
    'warehouse_code',
    'bin_code',
    'lot_number',
    'expiry_date',
    'days_to_expiry',
    'quantity',
  ],
  'low-stock': ['sku', 'product_name', 'reorder_point', 'on_hand', 'available', 'suggested_order'],
} as const;
type Report = keyof typeof REPORTS;
type Format = 'csv' | 'xlsx';

type Row = Record<string, unknown>;

async function fetchReport(
  report: Report,
  query: { warehouse_id?: string; page_size: number },
): Promise<Row[]> {
  const options = { params: { query } };
  if (report === 'stock-on-hand')
    return unwrap(await api.GET('/api/v1/reports/stock-on-hand', options)).items;
  if (report === 'fefo') return unwrap(await api.GET('/api/v1/reports/fefo', options)).items;
  return unwrap(await api.GET('/api/v1/reports/low-stock', options)).items;
}

async function downloadReport(report: Report, format: Format, warehouseId: string) {
  const options = {
    params: { query: { format, ...(warehouseId ? { warehouse_id: warehouseId } : {}) } },
    parseAs: 'blob' as const,
  };
  const result =
    report === 'stock-on-hand'
      ? await api.GET('/api/v1/reports/stock-on-hand', options)
      : report === 'fefo'
        ? await api.GET('/api/v1/reports/fefo', options)
        : await api.GET('/api/v1/reports/low-stock', options);
  if (!result.response.ok) throw new ApiFailure(result.response.status, asApiError(result.error));
  const name =
    /filename="?([^";]+)"?/.exec(result.response.headers.get('content-disposition') ?? '')?.[1] ??
    `${report}.${format}`;
  const link = document.createElement('a');
  link.href = URL.createObjectURL(result.data as Blob);
  link.download = name;
  link.click();
  URL.revokeObjectURL(link.href);
}

/** Stock on hand, FEFO and low stock: the first 100 rows on screen, the whole report as CSV or XLSX. */
export function ReportsPage() {
  const { t, i18n } = useTranslation();
  const [report, setReport] = useState<Report>('stock-on-hand');
  const [warehouseId, setWarehouseId] = useState('');
  const rows = useQuery({
    queryKey: ['report', report, warehouseId],
    queryFn: () =>
      fetchReport(report, { page_size: 100, ...(warehouseId ? { warehouse_id: warehouseId } : {}) }),
  });
  const download = useMutation({
    mutationFn: (format: Format) => downloadReport(report, format, warehouseId),
  });
  const number = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 4 });
  const show = (value: unknown) =>
    typeof value === 'number'
      ? number.format(value)
      : value === null || value === undefined
        ? '—'
        : String(value);
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">{t('reports.title')}</h1>
      <div className="grid items-end gap-4 md:grid-cols-[1fr_1fr_auto_auto]">
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="report">{t('reports.report')}</Label>
          <NativeSelect id="report" value={report} onChange={(e) => setReport(e.target.value as Report)}>
            {Object.keys(REPORTS).map((key) => (
              <option key={key} value={key}>
                {t(`reports.names.${key}`)}
              </option>
            ))}
          </NativeSelect>
        </div>
        <WarehousePicker
          id="report-warehouse"
          value={warehouseId}
          onChange={setWarehouseId}
          emptyLabel={t('reports.allWarehouses')}
        />
        <Button variant="outline" disabled={download.isPending} onClick={() => download.mutate('csv')}>
          {t('reports.csv')}
        </Button>
        <Button variant="outline" disabled={download.isPending} onClick={() => download.mutate('xlsx')}>
          {t('reports.xlsx')}
        </Button>
      </div>
      {download.error ? <Alert variant="destructive">{formErrorOf(download.error, t)}</Alert> : null}
      {rows.error ? <Alert variant="destructive">{formErrorOf(rows.error, t)}</Alert> : null}
      <Table>
        <TableHeader>
          <TableRow>
            {REPORTS[report].map((column) => (
              <TableHead key={column}>{t(`reports.columns.${column}`)}</TableHead>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.data?.map((row, i) => (
            // Report rows have no single id (a product, bin and lot together are the key).
            // biome-ignore lint/suspicious/noArrayIndexKey: the rows are replaced together, never reordered
            <TableRow key={i}>
              {REPORTS[report].map((column) => (
                <TableCell key={column}>{show(row[column])}</TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
