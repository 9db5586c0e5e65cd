import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type { ColumnDef } from '@tanstack/react-table';
import { useDeferredValue, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type ResponseOf, unwrap } from '../../api/client';
import { DataTable } from '../../components/data-table';
import { DownloadButtons } from '../../components/download-buttons';
import { FormField, invalid } from '../../components/form-field';
import { Alert } from '../../components/ui/alert';
import { Input, NativeSelect } from '../../components/ui/input';
import { fieldErrorsOf, formErrorOf } from '../../lib/api-errors';
import { saveDownload } from '../../lib/download';
import { startOfBusinessDay, useFormat } from '../../lib/format';

type Entry = ResponseOf<'/api/v1/audit-log', 'get'>['items'][number];
const PAGE_SIZE = 25;
const EMPTY = { user_id: '', entity_type: '', action: '', from: '', to: '' };

/** What changed: the fields before and after, side by side, behind a disclosure. */
function Changes({ entry }: { entry: Entry }) {
  const { t } = useTranslation();
  if (!entry.before && !entry.after) return <>—</>;
  return (
    <details>
      <summary className="cursor-pointer text-sm underline-offset-4 hover:underline">
        {t('audit.show')}
        <span className="sr-only"> {entry.action}</span>
      </summary>
      <div className="mt-2 grid gap-2 md:grid-cols-2">
        {(['before', 'after'] as const).map((side) => (
          <div key={side}>
            <p className="text-xs font-semibold">{t(`audit.${side}`)}</p>
            <pre className="max-w-md overflow-x-auto whitespace-pre-wrap rounded bg-muted p-2 text-xs">
              {entry[side] ? JSON.stringify(entry[side], null, 2) : '—'}
            </pre>
          </div>
        ))}
      </div>
    </details>
  );
}

/** Administrators: who changed what and when, filtered by user, entity, action and dates, a page at a time. */
export function AuditLogPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const [filters, setFilters] = useState(EMPTY);
  const deferred = useDeferredValue(filters);
  const [page, setPage] = useState(1);
  const users = useQuery({
    queryKey: ['users', ''],
    queryFn: async () => unwrap(await api.GET('/api/v1/users', { params: { query: { page_size: 100 } } })),
  });
  // Dates are business days: from the start of the first to the end of the last.
  const query = {
    ...(deferred.user_id ? { user_id: deferred.user_id } : {}),
    ...(deferred.entity_type.trim() ? { entity_type: deferred.entity_type.trim() } : {}),
    ...(deferred.action.trim() ? { action: deferred.action.trim() } : {}),
    ...(deferred.from ? { from: startOfBusinessDay(deferred.from) } : {}),
    ...(deferred.to ? { to: startOfBusinessDay(deferred.to, 1) } : {}),
  };
  const log = useQuery({
    queryKey: ['audit-log', query, page],
    placeholderData: keepPreviousData,
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/audit-log', { params: { query: { ...query, page, page_size: PAGE_SIZE } } }),
      ),
  });
  const download = useMutation({
    mutationFn: async (kind: 'csv' | 'xlsx') =>
      saveDownload(
        await api.GET('/api/v1/audit-log', {
          params: { query: { ...query, format: kind } },
          parseAs: 'blob',
        }),
        `audit-log.${kind}`,
      ),
  });
  const fields = fieldErrorsOf(log.error);
  function set(name: keyof typeof EMPTY, value: string) {
    setFilters({ ...filters, [name]: value });
    setPage(1);
  }
  const columns: ColumnDef<Entry>[] = [
    {
      id: 'occurred_at',
      header: t('audit.when'),
      cell: ({ row }) => format.dateTime(row.original.occurred_at),
    },
    {
      id: 'actor',
      header: t('audit.user'),
      cell: ({ row }) => row.original.actor_username ?? t('audit.system'),
    },
    { accessorKey: 'action', header: t('audit.action') },
    { accessorKey: 'entity_type', header: t('audit.entity') },
    { id: 'entity_id', header: t('audit.entityId'), cell: ({ row }) => row.original.entity_id ?? '—' },
    { id: 'changes', header: t('audit.changes'), cell: ({ row }) => <Changes entry={row.original} /> },
  ];
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">{t('audit.title')}</h1>
      <div className="grid items-end gap-4 sm:grid-cols-2 lg:grid-cols-5">
        <FormField id="audit-user" label={t('audit.user')} error={fields.user_id}>
          <NativeSelect
            id="audit-user"
            value={filters.user_id}
            onChange={(e) => set('user_id', e.target.value)}
            {...invalid('audit-user', fields.user_id)}
          >
            <option value="">{t('audit.everyone')}</option>
            {users.data?.items.map((user) => (
              <option key={user.id} value={user.id}>
                {user.username}
              </option>
            ))}
          </NativeSelect>
        </FormField>
        {(['entity_type', 'action'] as const).map((name) => (
          <FormField key={name} id={`audit-${name}`} label={t(`audit.filters.${name}`)} error={fields[name]}>
            <Input
              id={`audit-${name}`}
              value={filters[name]}
              placeholder={t(`audit.examples.${name}`)}
              onChange={(e) => set(name, e.target.value)}
              {...invalid(`audit-${name}`, fields[name])}
            />
          </FormField>
        ))}
        {(['from', 'to'] as const).map((name) => (
          <FormField key={name} id={`audit-${name}`} label={t(`audit.filters.${name}`)} error={fields[name]}>
            <Input
              id={`audit-${name}`}
              type="date"
              value={filters[name]}
              onChange={(e) => set(name, e.target.value)}
              {...invalid(`audit-${name}`, fields[name])}
            />
          </FormField>
        ))}
      </div>
      <div className="flex flex-wrap gap-2">
        <DownloadButtons download={download} />
      </div>
      {download.error ? <Alert variant="destructive">{formErrorOf(download.error, t)}</Alert> : null}
      {log.error && Object.keys(fields).length === 0 ? (
        <Alert variant="destructive">{formErrorOf(log.error, t)}</Alert>
      ) : null}
      <DataTable
        label={t('audit.title')}
        columns={columns}
        rows={log.data?.items ?? []}
        rowKey={(row) => row.id}
        paging={log.data}
        onPage={setPage}
      />
    </div>
  );
}
