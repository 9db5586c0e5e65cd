import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type { ColumnDef } from '@tanstack/react-table';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { BarsCard } from '../../components/bars-card';
import { DataTable } from '../../components/data-table';
import { DownloadButtons } from '../../components/download-buttons';
import { Alert } from '../../components/ui/alert';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/card';
import { NativeSelect } from '../../components/ui/input';
import { Label } from '../../components/ui/label';
import { fieldErrorsOf, formErrorOf } from '../../lib/api-errors';
import { useAuth } from '../../lib/auth';
import { saveDownload } from '../../lib/download';
import { startOfBusinessDay, useFormat } from '../../lib/format';
import {
  type ColumnKind,
  REPORTS,
  type ReportColumn,
  type ReportDefinition,
  type ReportFilter,
  type ReportKey,
  reportPath,
} from './report-definitions';
import { ReportFilterField } from './report-filters';

const PAGE_SIZE = 50;
type Query = Record<string, string | number | boolean>;

/** The query a filter's typed value sends: numbers as numbers, an "as of" day as the moment it ends. */
function queryOf(filters: readonly ReportFilter[], values: Record<string, string>): Query {
  const query: Query = {};
  for (const filter of filters) {
    const value = values[filter.name] ?? '';
    if (value === '') continue;
    if (filter.kind === 'number') query[filter.name] = Number(value);
    else if (filter.kind === 'boolean') query[filter.name] = value === 'true';
    else if (filter.kind === 'end-of-day') query[filter.name] = startOfBusinessDay(value, 1);
    else query[filter.name] = value;
  }
  return query;
}

// The report routes differ only in their query and answer, which the definitions type; one
// request function serves them all.
async function fetchReport(key: ReportKey, query: Query): Promise<unknown> {
  const path = `/api/v1/reports/${key}` as '/api/v1/reports/abc';
  return unwrap(await api.GET(path, { params: { query: query as never } }));
}

async function downloadReport(key: ReportKey, query: Query, format: 'csv' | 'xlsx') {
  const path = `/api/v1/reports/${key}` as '/api/v1/reports/abc';
  const result = await api.GET(path, { params: { query: { ...query, format } as never }, parseAs: 'blob' });
  saveDownload(result, `${key}.${format}`);
}

function useCell() {
  const { t } = useTranslation();
  const format = useFormat();
  return (column: string, kind: ColumnKind | undefined, value: unknown): string => {
    if (value === null || value === undefined || value === '') return '—';
    switch (kind) {
      case 'quantity':
        return format.quantity(value as number);
      case 'money':
        return format.money(value as number);
      case 'number':
        return format.number(value as number);
      case 'percent':
        return `${format.number(value as number, { maximumFractionDigits: 1 })} %`;
      case 'date':
        return format.date(String(value));
      case 'datetime':
        return format.dateTime(String(value));
      case 'yes-no':
        return value ? t('reports.yes') : t('reports.no');
      case 'label':
        return t(`reports.values.${column}.${String(value)}`, { defaultValue: String(value) });
      default:
        return String(value);
    }
  };
}

function useColumns(columns: readonly ReportColumn[]): ColumnDef<Record<string, unknown>>[] {
  const { t } = useTranslation();
  const cell = useCell();
  return columns.map((column) => ({
    id: column.key,
    header: t(`reports.columns.${column.key}`),
    accessorFn: (row) => row[column.key],
    cell: ({ getValue }) => cell(column.key, column.kind, getValue()),
  }));
}

const NUMERIC: ColumnKind[] = ['quantity', 'money', 'number', 'percent'];
const numericOf = (columns: readonly ReportColumn[]) =>
  columns.filter((c) => c.kind && NUMERIC.includes(c.kind)).map((c) => c.key);

/** The choice of report, among those the user's role and modules allow. */
function ReportChooser({ current }: { current: ReportKey }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  return (
    <div className="flex max-w-md flex-col gap-1.5">
      <Label htmlFor="report">{t('reports.report')}</Label>
      <NativeSelect
        id="report"
        value={current}
        onChange={(e) => navigate(reportPath(e.target.value as ReportKey))}
      >
        {REPORTS.filter((r) => can(r.route)).map((r) => (
          <option key={r.key} value={r.key}>
            {t(`reports.names.${r.key}`)}
          </option>
        ))}
      </NativeSelect>
    </div>
  );
}

function Report({ definition }: { definition: ReportDefinition }) {
  const { t } = useTranslation();
  const format = useFormat();
  const cell = useCell();
  // Filters and page live in the address, so a report can be linked to and survives a reload
  // (replacing the entry: typing a filter does not fill the history).
  const [params, setParams] = useSearchParams();
  const values: Record<string, string> = Object.fromEntries(
    definition.filters.map((f) => [f.name, params.get(f.name) ?? f.initial ?? '']),
  );
  const page = Math.max(1, Number(params.get('page')) || 1);
  function update(next: Record<string, string>, nextPage: number) {
    const search = new URLSearchParams();
    for (const filter of definition.filters) {
      const value = next[filter.name] ?? '';
      if (value !== (filter.initial ?? '')) search.set(filter.name, value);
    }
    if (nextPage > 1) search.set('page', String(nextPage));
    setParams(search, { replace: true });
  }
  const setPage = (next: number) => update(values, next);
  const query = queryOf(definition.filters, values);
  const report = useQuery({
    queryKey: ['report', definition.key, query, page],
    placeholderData: keepPreviousData,
    queryFn: () =>
      fetchReport(definition.key, definition.paged ? { ...query, page, page_size: PAGE_SIZE } : query),
  });
  const download = useMutation({
    mutationFn: (format: 'csv' | 'xlsx') => downloadReport(definition.key, query, format),
  });
  const columns = useColumns(definition.columns);
  const extraColumns = useColumns(definition.extra?.columns ?? []);
  const fields = fieldErrorsOf(report.error);
  const data = report.data;
  const label = (key: string) => t(`reports.columns.${key}`);
  return (
    <>
      <div className="grid items-end gap-4 sm:grid-cols-2 lg:grid-cols-4">
        {definition.filters.map((filter) => (
          <ReportFilterField
            key={filter.name}
            filter={filter}
            value={values[filter.name] ?? ''}
            error={fields[filter.name]}
            onChange={(value) => {
              update({ ...values, [filter.name]: value }, 1);
            }}
          />
        ))}
      </div>
      <div className="flex flex-wrap gap-2">
        <DownloadButtons download={download} />
      </div>
      {download.error ? <Alert variant="destructive">{formErrorOf(download.error, t)}</Alert> : null}
      {report.error && Object.keys(fields).length === 0 ? (
        <Alert variant="destructive">{formErrorOf(report.error, t)}</Alert>
      ) : null}
      {data && definition.period ? (
        <p className="text-sm" data-testid="report-period">
          {t('reports.period', {
            from: format.date(definition.period(data).from),
            to: format.date(definition.period(data).to),
          })}
        </p>
      ) : null}
      {data && definition.totals ? (
        <dl className="flex flex-wrap gap-x-8 gap-y-2" data-testid="report-totals">
          {definition.totals(data).map((total) => (
            <div key={total.key}>
              <dt className="text-sm text-muted-foreground">{t(`reports.totals.${total.key}`)}</dt>
              <dd className="text-xl font-bold">{cell(total.key, total.kind, total.value)}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {data && definition.chart ? (
        <BarsCard
          title={t(`reports.charts.${definition.chart.title}`)}
          data={definition.chart.data(data)}
          x={definition.chart.x}
          bars={definition.chart.bars}
          label={label}
          stacked={definition.chart.stacked ?? false}
          money={definition.chart.money ?? false}
        />
      ) : null}
      {data && definition.extra ? (
        <Card>
          <CardHeader>
            <CardTitle>{t(`reports.extra.${definition.extra.title}`)}</CardTitle>
          </CardHeader>
          <CardContent>
            <DataTable
              columns={extraColumns}
              rows={definition.extra.rows(data)}
              numeric={numericOf(definition.extra.columns)}
            />
          </CardContent>
        </Card>
      ) : null}
      <DataTable
        label={t(`reports.names.${definition.key}`)}
        columns={columns}
        rows={data ? definition.rows(data) : []}
        numeric={numericOf(definition.columns)}
        paging={data && definition.paging ? definition.paging(data) : null}
        onPage={setPage}
      />
    </>
  );
}

/**
 * One report: its filters, figures, chart, rows a page at a time from the server, and the whole
 * report as CSV or XLSX. Every report is a definition in report-definitions.ts.
 */
export function ReportPage({ reportKey }: { reportKey: ReportKey }) {
  const { t } = useTranslation();
  const definition = REPORTS.find((r) => r.key === reportKey) ?? REPORTS[0];
  if (!definition) return null;
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">{t('reports.title')}</h1>
      <ReportChooser current={definition.key} />
      {/* A new report starts with its own filters and page. */}
      <Report key={definition.key} definition={definition} />
    </div>
  );
}
