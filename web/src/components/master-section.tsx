import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ColumnDef } from '@tanstack/react-table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../lib/auth';
import { DataTable, type PageData } from './data-table';
import { bodyOf, type FieldSpec, SaveForm, type Values } from './fields-form';
import { Button } from './ui/button';
import { Card, CardContent, CardHeader, CardTitle } from './ui/card';
import { Dialog, DialogContent, DialogDescription, DialogTitle } from './ui/dialog';

type Body = Record<string, string | number | null>;

/** What one kind of master record (company, project, drillhole) needs to be listed, added and changed. */
export interface MasterEntity<T extends { id: string; version: number }> {
  key: string;
  title: string;
  newLabel: string;
  editLabel: string;
  createRoute: string;
  editRoute: string;
  list: (page: number) => Promise<PageData<T>>;
  columns: ColumnDef<T, unknown>[];
  fields: FieldSpec[];
  /** The fields an edit shows, when not all of them may change. */
  editFields?: FieldSpec[];
  /** A row as form values, for editing. */
  valuesOf: (row: T) => Values;
  /** The row's name in an Edit button's accessible name. */
  nameOf: (row: T) => string;
  create: (body: Body, key: string) => Promise<unknown>;
  update: (row: T, body: Body) => Promise<unknown>;
}

function EntityForm<T extends { id: string; version: number }>({
  entity,
  row,
  onDone,
}: {
  entity: MasterEntity<T>;
  row: T | null;
  onDone: () => void;
}) {
  const fields = row ? (entity.editFields ?? entity.fields) : entity.fields;
  return (
    <SaveForm
      id={`${entity.key}-form`}
      className="grid gap-3"
      fields={fields}
      initial={row ? entity.valuesOf(row) : {}}
      save={(values, key) =>
        row ? entity.update(row, bodyOf(fields, values)) : entity.create(bodyOf(fields, values), key)
      }
      onDone={onDone}
    />
  );
}

/** A master list paged by the server, with add and edit in a dialog for the roles that may. */
export function MasterSection<T extends { id: string; version: number }>({
  entity,
}: {
  entity: MasterEntity<T>;
}) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<T | 'new' | null>(null);
  const rows = useQuery({
    queryKey: [entity.key, page],
    placeholderData: keepPreviousData,
    queryFn: () => entity.list(page),
  });
  const columns: ColumnDef<T, unknown>[] = can(entity.editRoute)
    ? [
        ...entity.columns,
        {
          id: 'edit',
          header: () => <span className="sr-only">{t('common.actions')}</span>,
          cell: ({ row }) => (
            <Button size="sm" variant="outline" onClick={() => setEditing(row.original)}>
              {t('common.edit')}
              <span className="sr-only"> {entity.nameOf(row.original)}</span>
            </Button>
          ),
        },
      ]
    : entity.columns;
  return (
    <Card>
      <CardHeader className="flex-row flex-wrap items-center justify-between gap-2">
        <CardTitle>{entity.title}</CardTitle>
        {can(entity.createRoute) ? (
          <Button size="sm" onClick={() => setEditing('new')}>
            {entity.newLabel}
          </Button>
        ) : null}
      </CardHeader>
      <CardContent>
        <DataTable
          label={entity.title}
          columns={columns}
          data={rows.data}
          page={page}
          onPage={setPage}
          rowKey={(row) => row.id}
        />
      </CardContent>
      <Dialog open={editing !== null} onOpenChange={(open) => !open && setEditing(null)}>
        <DialogContent>
          <DialogTitle>{editing === 'new' ? entity.newLabel : entity.editLabel}</DialogTitle>
          <DialogDescription>{entity.title}</DialogDescription>
          {editing ? (
            <EntityForm
              entity={entity}
              row={editing === 'new' ? null : editing}
              onDone={() => setEditing(null)}
            />
          ) : null}
        </DialogContent>
      </Dialog>
    </Card>
  );
}
