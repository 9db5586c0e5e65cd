import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ColumnDef } from '@tanstack/react-table';
import { type FormEvent, useDeferredValue, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable, type PageData } from '../../components/data-table';
import { FormField, invalid } from '../../components/form-field';
import { Alert } from '../../components/ui/alert';
import { Button } from '../../components/ui/button';
import { Dialog, DialogContent, DialogDescription, DialogTitle } from '../../components/ui/dialog';
import { Input, NativeSelect } from '../../components/ui/input';
import { Label } from '../../components/ui/label';
import { fieldErrorsOf, formErrorOf } from '../../lib/api-errors';
import { useAuth } from '../../lib/auth';
import { useIdempotencyKey } from '../../lib/use-idempotency-key';

/** A form's values as typed: text (numbers too, sent as numbers by the config) and switches. */
export type Draft = Record<string, string | boolean>;

export interface MasterField {
  name: string;
  kind?: 'text' | 'number' | 'switch' | 'choice';
  /** Fixed once created (a unit's code is its key). */
  createOnly?: boolean;
}

/**
 * One kind of master data (categories, units, suppliers, customers): how to list, save and remove
 * it through the API and which fields it has. The page and the form are the same for all kinds.
 */
export interface MasterKind<T> {
  /** Its section in the translations (`masterData.<kind>`) and its query key. */
  kind: 'categories' | 'units' | 'suppliers' | 'customers';
  idOf: (row: T) => string;
  /** The list's columns; a yes/no value (active or not) shows as a word. */
  columns: { name: string; value: (row: T) => string | boolean }[];
  fields: MasterField[];
  /** The choices of a `choice` field (a category's parent), given every row on the page. */
  choices?: (rows: T[], editing: T | null) => { value: string; label: string }[];
  routes: { create: string; update: string; remove?: string };
  /** Whether the API pages and searches this list (suppliers, customers) or answers it whole. */
  paged: boolean;
  list: (query: { page: number; search: string }) => Promise<PageData<T>>;
  draftOf: (row: T | null) => Draft;
  /** Create (with the form's Idempotency-Key) or update (with the version read, if it has one). */
  save: (draft: Draft, row: T | null, idempotencyKey: string) => Promise<unknown>;
  /** Delete for good, or deactivate where the API keeps the record. */
  remove?: { kind: 'delete' | 'deactivate'; run: (row: T) => Promise<unknown>; shown?: (row: T) => boolean };
}

const _PAGE_SIZE = 20;

function MasterForm<T>({
  config,
  row,
  rows,
  onDone,
}: {
  config: MasterKind<T>;
  row: T | null;
  rows: T[];
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [key] = useIdempotencyKey();
  const [draft, setDraft] = useState<Draft>(() => config.draftOf(row));
  const save = useMutation({
    mutationFn: () => config.save(draft, row, key),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: [config.kind] });
      onDone();
    },
  });
  const fields = fieldErrorsOf(save.error);
  const shown = new Set(config.fields.map((f) => f.name));
  const unshown = Object.keys(fields).some((f) => !shown.has(f));
  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }
  return (
    <form onSubmit={submit} className="flex flex-col gap-3" noValidate>
      {save.error && (unshown || Object.keys(fields).length === 0) ? (
        <Alert variant="destructive">{formErrorOf(save.error, t)}</Alert>
      ) : null}
      {config.fields
        .filter((field) => !(row && field.createOnly))
        .map((field) => {
          const id = `${config.kind}-${field.name}`;
          const label = t(`masterData.fields.${field.name}`);
          const value = draft[field.name];
          if (field.kind === 'switch')
            return (
              <div key={field.name} className="flex items-center gap-2">
                <input
                  id={id}
                  type="checkbox"
                  className="size-4"
                  checked={value === true}
                  onChange={(e) => setDraft({ ...draft, [field.name]: e.target.checked })}
                />
                <Label htmlFor={id}>{label}</Label>
              </div>
            );
          return (
            <FormField key={field.name} id={id} label={label} error={fields[field.name]}>
              {field.kind === 'choice' ? (
                <NativeSelect
                  id={id}
                  value={String(value ?? '')}
                  onChange={(e) => setDraft({ ...draft, [field.name]: e.target.value })}
                  {...invalid(id, fields[field.name])}
                >
                  <option value="">{t('masterData.none')}</option>
                  {config.choices?.(rows, row).map((choice) => (
                    <option key={choice.value} value={choice.value}>
                      {choice.label}
                    </option>
                  ))}
                </NativeSelect>
              ) : (
                <Input
                  id={id}
                  value={String(value ?? '')}
                  inputMode={field.kind === 'number' ? 'decimal' : undefined}
                  onChange={(e) => setDraft({ ...draft, [field.name]: e.target.value })}
                  {...invalid(id, fields[field.name])}
                />
              )}
            </FormField>
          );
        })}
      <Button type="submit" disabled={save.isPending}>
        {t('common.save')}
      </Button>
    </form>
  );
}

/** Asks before a record is deleted or deactivated, and shows why the API refused if it did. */
function RemoveDialog<T>({
  config,
  row,
  label,
  onDone,
}: {
  config: MasterKind<T>;
  row: T;
  label: string;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: async () => config.remove?.run(row),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: [config.kind] });
      onDone();
    },
  });
  const verb = config.remove?.kind ?? 'delete';
  return (
    <Dialog open onOpenChange={(open) => !open && onDone()}>
      <DialogContent>
        <DialogTitle>{t(`masterData.${verb}Title`, { name: label })}</DialogTitle>
        <DialogDescription>{t(`masterData.${verb}Hint`)}</DialogDescription>
        {remove.error ? <Alert variant="destructive">{formErrorOf(remove.error, t)}</Alert> : null}
        <div className="mt-4 flex gap-2">
          <Button variant="destructive" disabled={remove.isPending} onClick={() => remove.mutate()}>
            {t(`masterData.${verb}`)}
          </Button>
          <Button variant="outline" onClick={onDone}>
            {t('masterData.keep')}
          </Button>
        </div>
      </DialogContent>
    </Dialog>
  );
}

/** The list of one kind of master data with create, edit and (where the API offers it) delete. */
export function MasterDataPage<T>({ config }: { config: MasterKind<T> }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [search, setSearch] = useState('');
  const deferred = useDeferredValue(search);
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<T | 'new' | null>(null);
  const [removing, setRemoving] = useState<T | null>(null);
  const list = useQuery({
    queryKey: [config.kind, deferred, page],
    placeholderData: keepPreviousData,
    queryFn: () => config.list({ page, search: deferred }),
  });
  const rows = list.data?.items ?? [];
  const labelOf = (row: T) =>
    config.columns
      .slice(0, 2)
      .map((c) => c.value(row))
      .filter((value) => typeof value === 'string' && value !== '')
      .join(' · ');
  const canEdit = can(config.routes.update);
  const canRemove = Boolean(config.remove && config.routes.remove && can(config.routes.remove));
  const columns: ColumnDef<T>[] = [
    ...config.columns.map(
      (column): ColumnDef<T> => ({
        id: column.name,
        header: t(`masterData.fields.${column.name}`),
        cell: ({ row }) => {
          const value = column.value(row.original);
          return typeof value === 'boolean' ? t(value ? 'masterData.yes' : 'masterData.no') : value;
        },
      }),
    ),
    ...(canEdit || canRemove
      ? [
          {
            id: 'actions',
            header: () => <span className="sr-only">{t('common.actions')}</span>,
            cell: ({ row }) => (
              <div className="flex flex-wrap gap-2">
                {canEdit ? (
                  <Button size="sm" variant="outline" onClick={() => setEditing(row.original)}>
                    {t('common.edit')}
                    <span className="sr-only"> {labelOf(row.original)}</span>
                  </Button>
                ) : null}
                {canRemove && (config.remove?.shown?.(row.original) ?? true) ? (
                  <Button size="sm" variant="ghost" onClick={() => setRemoving(row.original)}>
                    {t(`masterData.${config.remove?.kind ?? 'delete'}`)}
                    <span className="sr-only"> {labelOf(row.original)}</span>
                  </Button>
                ) : null}
              </div>
            ),
          } satisfies ColumnDef<T>,
        ]
      : []),
  ];
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h1 className="text-2xl font-bold">{t(`masterData.${config.kind}.title`)}</h1>
        {can(config.routes.create) ? (
          <Button onClick={() => setEditing('new')}>{t(`masterData.${config.kind}.new`)}</Button>
        ) : null}
      </div>
      {config.paged ? (
        <div className="flex max-w-md flex-col gap-1.5">
          <Label htmlFor={`${config.kind}-search`}>{t('common.search')}</Label>
          <Input
            id={`${config.kind}-search`}
            type="search"
            value={search}
            onChange={(e) => {
              setSearch(e.target.value);
              setPage(1);
            }}
          />
        </div>
      ) : null}
      {list.error ? <Alert variant="destructive">{formErrorOf(list.error, t)}</Alert> : null}
      <DataTable columns={columns} data={list.data} page={page} onPage={setPage} />
      <Dialog open={editing !== null} onOpenChange={(open) => !open && setEditing(null)}>
        <DialogContent>
          <DialogTitle>
            {editing === 'new' ? t(`masterData.${config.kind}.new`) : t(`masterData.${config.kind}.edit`)}
          </DialogTitle>
          <DialogDescription>{t('masterData.formHint')}</DialogDescription>
          {editing ? (
            <MasterForm
              config={config}
              row={editing === 'new' ? null : editing}
              rows={rows}
              onDone={() => setEditing(null)}
            />
          ) : null}
        </DialogContent>
      </Dialog>
      {removing ? (
        <RemoveDialog
          config={config}
          row={removing}
          label={labelOf(removing)}
          onDone={() => setRemoving(null)}
        />
      ) : null}
    </div>
  );
}
