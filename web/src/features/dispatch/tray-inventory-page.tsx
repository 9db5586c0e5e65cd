import { useQuery } from '@tanstack/react-query';
import type { ColumnDef } from '@tanstack/react-table';
import { useTranslation } from 'react-i18next';
import { api, type ResponseOf, unwrap } from '../../api/client';
import { DataTable } from '../../components/data-table';
import { type FieldSpec, FieldsForm, useFormPost, useValues } from '../../components/fields-form';
import { Alert } from '../../components/ui/alert';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/card';
import { formErrorOf } from '../../lib/api-errors';
import { useAuth } from '../../lib/auth';
import { useFormat } from '../../lib/format';

type Inventory = ResponseOf<'/api/v1/dispatch/inventory', 'get'>;
type Row = Inventory['trays'][string] & { type: string };

/** The base of each tray type set anew; the difference is posted as an audited adjustment. */
function AdjustForm({ inventory }: { inventory: Inventory }) {
  const { t } = useTranslation();
  const types = Object.keys(inventory.trays);
  const fields: FieldSpec[] = [
    ...types.map((type): FieldSpec => ({ name: type, label: t('trays.baseOf', { type }), kind: 'number' })),
    { name: 'reason', label: t('trays.adjustReason') },
  ];
  const [values, setValues] = useValues(
    fields,
    Object.fromEntries(types.map((type) => [type, String(inventory.trays[type]?.base ?? 0)])),
  );
  const adjust = useFormPost(async (key) =>
    unwrap(
      await api.PUT('/api/v1/dispatch/inventory', {
        headers: { 'Idempotency-Key': key },
        body: {
          trays: Object.fromEntries(types.map((type) => [type, Number(values[type])])),
          ...(values.reason ? { reason: values.reason } : {}),
        },
      }),
    ),
  );
  return (
    <FieldsForm
      id="trays-adjust"
      label={t('trays.adjust')}
      fields={fields}
      values={values}
      onChange={setValues}
      error={adjust.error}
      pending={adjust.isPending}
      submitLabel={t('trays.adjustSave')}
      onSubmit={() => adjust.mutate()}
    >
      {adjust.isSuccess ? <Alert variant="success">{t('trays.adjusted')}</Alert> : null}
    </FieldsForm>
  );
}

/** Trays per type: the base, what is on the shelf, out on dispatches, available and in quarantine. */
export function TrayInventoryPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const format = useFormat();
  const inventory = useQuery({
    queryKey: ['tray-inventory'],
    queryFn: async () => unwrap(await api.GET('/api/v1/dispatch/inventory')),
  });
  const rows: Row[] = Object.entries(inventory.data?.trays ?? {}).map(([type, tray]) => ({ type, ...tray }));
  const figure = (key: keyof Omit<Row, 'type' | 'sku'>): ColumnDef<Row, unknown> => ({
    id: key,
    header: t(`trays.columns.${key}`),
    cell: ({ row }) => format.number(row.original[key]),
  });
  const columns: ColumnDef<Row, unknown>[] = [
    { accessorKey: 'type', header: t('trays.columns.type') },
    { accessorKey: 'sku', header: t('trays.columns.sku') },
    figure('base'),
    figure('on_hand'),
    figure('out'),
    figure('available'),
    figure('quarantined'),
  ];
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">{t('trays.inventoryTitle')}</h1>
      {inventory.error ? <Alert variant="destructive">{formErrorOf(inventory.error, t)}</Alert> : null}
      <DataTable label={t('trays.inventoryTitle')} columns={columns} rows={rows} rowKey={(r) => r.type} />
      {inventory.data && can('PUT /api/v1/dispatch/inventory') ? (
        <Card>
          <CardHeader>
            <CardTitle>{t('trays.adjust')}</CardTitle>
          </CardHeader>
          <CardContent>
            <AdjustForm key={JSON.stringify(inventory.data.base)} inventory={inventory.data} />
          </CardContent>
        </Card>
      ) : null}
    </div>
  );
}
