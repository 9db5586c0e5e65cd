import { api, type ResponseOf, unwrap } from '../../api/client';
import type { Draft, MasterKind } from './master-data';

type Category = ResponseOf<'/api/v1/categories', 'get'>[number];
type Unit = ResponseOf<'/api/v1/units', 'get'>[number];
type Partner = ResponseOf<'/api/v1/suppliers', 'get'>['items'][number];

const text = (draft: Draft, name: string) => String(draft[name] ?? '').trim();
const orNull = (value: string) => (value === '' ? null : value);
/** A whole list the API answers unpaged, as the one page the table shows. */
const onePage = <T>(items: T[]) => ({ items, pages: 1, total: items.length });

export const categoryKind: MasterKind<Category> = {
  kind: 'categories',
  idOf: (row) => row.id,
  columns: [
    { name: 'name', value: (row) => row.name },
    { name: 'description', value: (row) => row.description },
  ],
  fields: [{ name: 'name' }, { name: 'description' }, { name: 'parent_id', kind: 'choice' }],
  choices: (rows, editing) =>
    rows.filter((row) => row.id !== editing?.id).map((row) => ({ value: row.id, label: row.name })),
  routes: {
    create: 'POST /api/v1/categories',
    update: 'PATCH /api/v1/categories/{id}',
    remove: 'DELETE /api/v1/categories/{id}',
  },
  paged: false,
  list: async () => onePage(unwrap(await api.GET('/api/v1/categories'))),
  draftOf: (row) => ({
    name: row?.name ?? '',
    description: row?.description ?? '',
    parent_id: row?.parent_id ?? '',
  }),
  save: async (draft, row, key) => {
    const body = {
      name: text(draft, 'name'),
      description: text(draft, 'description'),
      parent_id: orNull(text(draft, 'parent_id')),
    };
    return row
      ? unwrap(
          await api.PATCH('/api/v1/categories/{id}', {
            params: { path: { id: row.id } },
            body: { ...body, version: row.version },
          }),
        )
      : unwrap(await api.POST('/api/v1/categories', { headers: { 'Idempotency-Key': key }, body }));
  },
  remove: {
    kind: 'delete',
    run: async (row) =>
      unwrap(await api.DELETE('/api/v1/categories/{id}', { params: { path: { id: row.id } } })),
  },
};

export const unitKind: MasterKind<Unit> = {
  kind: 'units',
  idOf: (row) => row.code,
  columns: [
    { name: 'code', value: (row) => row.code },
    { name: 'name', value: (row) => row.name },
    { name: 'decimals', value: (row) => String(row.decimals) },
  ],
  fields: [{ name: 'code', createOnly: true }, { name: 'name' }, { name: 'decimals', kind: 'number' }],
  routes: {
    create: 'POST /api/v1/units',
    update: 'PATCH /api/v1/units/{code}',
    remove: 'DELETE /api/v1/units/{code}',
  },
  paged: false,
  list: async () => onePage(unwrap(await api.GET('/api/v1/units'))),
  draftOf: (row) => ({ code: row?.code ?? '', name: row?.name ?? '', decimals: String(row?.decimals ?? 0) }),
  save: async (draft, row, key) => {
    const decimals = text(draft, 'decimals');
    const body = { name: text(draft, 'name'), ...(decimals ? { decimals: Number(decimals) } : {}) };
    return row
      ? unwrap(await api.PATCH('/api/v1/units/{code}', { params: { path: { code: row.code } }, body }))
      : unwrap(
          await api.POST('/api/v1/units', {
            headers: { 'Idempotency-Key': key },
            body: { ...body, code: text(draft, 'code') },
          }),
        );
  },
  remove: {
    kind: 'delete',
    run: async (row) =>
      unwrap(await api.DELETE('/api/v1/units/{code}', { params: { path: { code: row.code } } })),
  },
};

const PARTNER_FIELDS = [
  { name: 'code' },
  { name: 'name' },
  { name: 'contact_person' },
  { name: 'email' },
  { name: 'phone' },
  { name: 'address' },
  { name: 'tax_number' },
  { name: 'payment_terms' },
  { name: 'notes' },
  { name: 'is_active', kind: 'switch' },
] as const;

function partnerDraft(row: Partner | null): Draft {
  return {
    code: row?.code ?? '',
    name: row?.name ?? '',
    contact_person: row?.contact_person ?? '',
    email: row?.email ?? '',
    phone: row?.phone ?? '',
    address: row?.address ?? '',
    tax_number: row?.tax_number ?? '',
    payment_terms: row?.payment_terms ?? '',
    notes: row?.notes ?? '',
    is_active: row?.is_active ?? true,
  };
}

function partnerBody(draft: Draft) {
  return {
    code: text(draft, 'code'),
    name: text(draft, 'name'),
    contact_person: text(draft, 'contact_person'),
    email: orNull(text(draft, 'email')),
    phone: orNull(text(draft, 'phone')),
    address: text(draft, 'address'),
    tax_number: text(draft, 'tax_number'),
    payment_terms: text(draft, 'payment_terms'),
    notes: text(draft, 'notes'),
    is_active: draft.is_active === true,
  };
}

const partnerColumns: MasterKind<Partner>['columns'] = [
  { name: 'code', value: (row) => row.code },
  { name: 'name', value: (row) => row.name },
  { name: 'contact_person', value: (row) => row.contact_person },
  { name: 'email', value: (row) => row.email ?? '' },
  { name: 'is_active', value: (row) => row.is_active },
];

/** Suppliers and customers have one shape; only their routes differ. */
function partnerKind(kind: 'suppliers' | 'customers'): MasterKind<Partner> {
  const list = `/api/v1/${kind}` as const;
  const one = `/api/v1/${kind}/{id}` as const;
  return {
    kind,
    idOf: (row) => row.id,
    columns: partnerColumns,
    fields: [...PARTNER_FIELDS],
    routes: { create: `POST ${list}`, update: `PATCH ${one}`, remove: `DELETE ${one}` },
    paged: true,
    list: async ({ page, search }) =>
      unwrap(
        await api.GET(list, {
          params: { query: { page, page_size: 20, sort_by: 'code_asc', ...(search ? { search } : {}) } },
        }),
      ),
    draftOf: partnerDraft,
    save: async (draft, row, key) =>
      row
        ? unwrap(
            await api.PATCH(one, {
              params: { path: { id: row.id } },
              body: { ...partnerBody(draft), version: row.version },
            }),
          )
        : unwrap(await api.POST(list, { headers: { 'Idempotency-Key': key }, body: partnerBody(draft) })),
    remove: {
      kind: 'deactivate',
      shown: (row) => row.is_active,
      run: async (row) => unwrap(await api.DELETE(one, { params: { path: { id: row.id } } })),
    },
  };
}

export const supplierKind = partnerKind('suppliers');
export const customerKind = partnerKind('customers');
