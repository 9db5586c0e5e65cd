import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ColumnDef } from '@tanstack/react-table';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiFailure, api, type ResponseOf, unwrap } from '../../api/client';
import { DataTable } from '../../components/data-table';
import { FormCard } from '../../components/form-card';
import { FormField } from '../../components/form-field';
import { Alert } from '../../components/ui/alert';
import { Button } from '../../components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/card';
import { Input, NativeSelect } from '../../components/ui/input';
import { formErrorOf } from '../../lib/api-errors';
import { useAuth } from '../../lib/auth';
import { saveDownload } from '../../lib/download';
import { useFormat } from '../../lib/format';
import { useIdempotencyKey } from '../../lib/use-idempotency-key';
import { type ImportJob, ImportProgress, type RowError, RowErrors, useCreatedText } from './import-progress';

/** The kinds of file the API imports, as its routes name them. */
const KINDS = ['products', 'opening-stock', 'bins', 'partners', 'samples'] as const;
type Kind = (typeof KINDS)[number];
type Options = { create_categories?: boolean; kind?: 'supplier' | 'customer' };
type DryRun = ResponseOf<'/api/v1/imports/products', 'post', 200>;
type Invalid = ResponseOf<'/api/v1/imports/products', 'post', 422>;
type ImportSummary = ResponseOf<'/api/v1/imports', 'get'>['items'][number];
const DONE = new Set(['done', 'failed']);

// The five import routes take the same file and options and answer alike; one call serves them.
async function postImport(kind: Kind, file: File, query: Options & { dry_run?: boolean }, key?: string) {
  const path = `/api/v1/imports/${kind}` as '/api/v1/imports/products';
  return unwrap(
    await api.POST(path, {
      params: { query },
      ...(key ? { headers: { 'Idempotency-Key': key } } : {}),
      // The generated type says `string` for the binary part; the multipart body is built here.
      body: { file: '' },
      bodySerializer: () => {
        const form = new FormData();
        form.append('file', file, file.name);
        return form;
      },
    }),
  );
}

/** The file's problems from a 422 IMPORT_INVALID_ROWS, with their rows and columns. */
function rowErrorsOf(error: unknown): RowError[] {
  if (!(error instanceof ApiFailure)) return [];
  const body = error.body as unknown as Invalid;
  return (body.errors ?? []).filter((e): e is RowError => typeof e.message === 'string' && 'row' in e);
}

function Templates({ kind }: { kind: Kind }) {
  const { t } = useTranslation();
  const download = useMutation({
    mutationFn: async (format: 'csv' | 'xlsx') =>
      saveDownload(
        await api.GET('/api/v1/imports/{kind}/template', {
          params: { path: { kind }, query: { format } },
          parseAs: 'blob',
        }),
        `${kind}-template.${format}`,
      ),
  });
  return (
    <div className="flex flex-wrap items-center gap-2">
      <span className="text-sm">{t('imports.template')}</span>
      {(['csv', 'xlsx'] as const).map((format) => (
        <Button
          key={format}
          type="button"
          size="sm"
          variant="outline"
          disabled={download.isPending}
          onClick={() => download.mutate(format)}
        >
          {t(`imports.templateFormat.${format}`)}
        </Button>
      ))}
      {download.error ? <Alert variant="destructive">{formErrorOf(download.error, t)}</Alert> : null}
    </div>
  );
}

function RecentImports() {
  const { t } = useTranslation();
  const format = useFormat();
  const createdText = useCreatedText();
  const [page, setPage] = useState(1);
  const imports = useQuery({
    queryKey: ['imports', page],
    placeholderData: keepPreviousData,
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/imports', { params: { query: { page, page_size: 10 } } })),
  });
  const columns: ColumnDef<ImportSummary>[] = [
    {
      id: 'created_at',
      header: t('imports.when'),
      cell: ({ row }) => format.dateTime(row.original.created_at),
    },
    { accessorKey: 'filename', header: t('imports.fileName') },
    { id: 'kind', header: t('imports.kind'), cell: ({ row }) => t(`imports.kinds.${row.original.kind}`) },
    {
      id: 'status',
      header: t('common.status'),
      cell: ({ row }) => t(`imports.status.${row.original.status}`),
    },
    {
      id: 'rows',
      header: t('imports.rows'),
      cell: ({ row }) =>
        `${format.number(row.original.rows_done)} / ${format.number(row.original.rows_total)}`,
    },
    {
      id: 'created',
      header: t('imports.createdTitle'),
      cell: ({ row }) => createdText(row.original.created),
    },
  ];
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('imports.recent')}</CardTitle>
      </CardHeader>
      <CardContent>
        <DataTable
          label={t('imports.recent')}
          columns={columns}
          rows={imports.data?.items ?? []}
          rowKey={(row) => row.id}
          paging={imports.data}
          onPage={setPage}
        />
      </CardContent>
    </Card>
  );
}

/**
 * Importing products, opening stock, bins, partners or samples from a CSV or XLSX file: the
 * template, a dry run listing every problem by row and column, then the import, whose progress
 * shows until it is done.
 */
export function ImportsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const queryClient = useQueryClient();
  const createdText = useCreatedText();
  const kinds = KINDS.filter((k) => can(`POST /api/v1/imports/${k}`));
  const [kind, setKind] = useState<Kind>(kinds[0] ?? 'products');
  const [file, setFile] = useState<File | null>(null);
  const [createCategories, setCreateCategories] = useState(false);
  const [partnerKind, setPartnerKind] = useState<'' | 'supplier' | 'customer'>('');
  const [checked, setChecked] = useState<DryRun | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const [key, renewKey] = useIdempotencyKey();
  const options: Options = {
    ...(kind === 'products' ? { create_categories: createCategories } : {}),
    ...(kind === 'partners' && partnerKind ? { kind: partnerKind } : {}),
  };
  const dryRun = useMutation({
    mutationFn: async (chosen: File) =>
      (await postImport(kind, chosen, { ...options, dry_run: true })) as DryRun,
    onSuccess: setChecked,
  });
  const run = useMutation({
    mutationFn: async (chosen: File) => (await postImport(kind, chosen, options, key)) as ImportJob,
    onSuccess: (job) => {
      setJobId(job.id);
      setChecked(null);
      renewKey();
    },
  });
  const job = useQuery({
    queryKey: ['import', jobId],
    enabled: jobId !== null,
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/imports/{id}', { params: { path: { id: jobId ?? '' } } })),
    // Until the background job is done, ask again twice a second.
    refetchInterval: (query) => (query.state.data && DONE.has(query.state.data.status) ? false : 500),
  });
  const finished = job.data && DONE.has(job.data.status) ? job.data.id : null;
  useEffect(() => {
    if (finished) void queryClient.invalidateQueries({ queryKey: ['imports'] });
  }, [finished, queryClient]);
  /** Any change of what would be imported asks for a new dry run. */
  function changed() {
    setChecked(null);
    dryRun.reset();
    run.reset();
    renewKey();
  }
  function check(event: FormEvent) {
    event.preventDefault();
    if (file) dryRun.mutate(file);
  }
  const rowErrors = rowErrorsOf(dryRun.error);
  const current = job.data ?? (run.data && jobId === run.data.id ? run.data : undefined);
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">{t('imports.title')}</h1>
      <FormCard title={t('imports.new')} onSubmit={check}>
        <div className="grid gap-3 md:grid-cols-2">
          <FormField id="import-kind" label={t('imports.kind')}>
            <NativeSelect
              id="import-kind"
              value={kind}
              onChange={(e) => {
                setKind(e.target.value as Kind);
                changed();
              }}
            >
              {kinds.map((k) => (
                <option key={k} value={k}>
                  {t(`imports.kinds.${k.replace('-', '_')}`)}
                </option>
              ))}
            </NativeSelect>
          </FormField>
          <FormField id="import-file" label={t('imports.file')}>
            <Input
              id="import-file"
              type="file"
              accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              onChange={(e) => {
                setFile(e.target.files?.[0] ?? null);
                changed();
              }}
            />
          </FormField>
          {kind === 'products' ? (
            <label htmlFor="import-categories" className="flex items-center gap-2 text-sm">
              <input
                id="import-categories"
                type="checkbox"
                className="size-4 accent-primary"
                checked={createCategories}
                onChange={(e) => {
                  setCreateCategories(e.target.checked);
                  changed();
                }}
              />
              {t('imports.createCategories')}
            </label>
          ) : null}
          {kind === 'partners' ? (
            <FormField id="import-partner-kind" label={t('imports.partnerKind')}>
              <NativeSelect
                id="import-partner-kind"
                value={partnerKind}
                onChange={(e) => {
                  setPartnerKind(e.target.value as '' | 'supplier' | 'customer');
                  changed();
                }}
              >
                <option value="">{t('imports.partnerKinds.file')}</option>
                <option value="supplier">{t('imports.partnerKinds.supplier')}</option>
                <option value="customer">{t('imports.partnerKinds.customer')}</option>
              </NativeSelect>
            </FormField>
          ) : null}
        </div>
        <Templates kind={kind} />
        <div className="flex flex-wrap gap-2">
          <Button type="submit" variant="outline" disabled={!file || dryRun.isPending}>
            {t('imports.check')}
          </Button>
          <Button
            type="button"
            disabled={!file || !checked || run.isPending}
            onClick={() => file && run.mutate(file)}
          >
            {t('imports.run')}
          </Button>
        </div>
        {checked ? (
          <p role="status" data-testid="dry-run-result">
            {t('imports.checked', {
              rows: checked.rows_total,
              created: createdText(checked.would_create) || '—',
            })}
          </p>
        ) : null}
        {dryRun.error ? (
          <div className="flex flex-col gap-2">
            <Alert variant="destructive">{formErrorOf(dryRun.error, t)}</Alert>
            {rowErrors.length > 0 ? <RowErrors errors={rowErrors} /> : null}
          </div>
        ) : null}
        {run.error ? <Alert variant="destructive">{formErrorOf(run.error, t)}</Alert> : null}
        {run.error && rowErrorsOf(run.error).length > 0 ? (
          <RowErrors errors={rowErrorsOf(run.error)} />
        ) : null}
      </FormCard>
      {current ? (
        <Card>
          <CardHeader>
            <CardTitle>{t('imports.progressTitle')}</CardTitle>
          </CardHeader>
          <CardContent>
            <ImportProgress job={current} />
          </CardContent>
        </Card>
      ) : null}
      <RecentImports />
    </div>
  );
}
