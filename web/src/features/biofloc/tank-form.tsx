import { useTranslation } from 'react-i18next';
import { api, type BodyOf, unwrap } from '../../api/client';
import { useWarehouses } from '../../api/queries';
import { bodyOf, type FieldSpec, SaveForm } from '../../components/fields-form';
import type { Tank } from './queries';

const TYPES = ['circular', 'rectangular', 'raceway'] as const;
const STATUSES = ['available', 'maintenance', 'decommissioned'] as const;

/** A tank added or changed; a stale edit asks for a reload. */
export function TankForm({ tank, onDone }: { tank?: Tank; onDone: () => void }) {
  const { t } = useTranslation();
  const warehouses = useWarehouses();
  const fields: FieldSpec[] = [
    { name: 'tank_code', label: t('farm.tank.code') },
    { name: 'tank_name', label: t('farm.tank.name') },
    { name: 'capacity_liters', label: t('farm.tank.capacity'), kind: 'number' },
    { name: 'location', label: t('farm.tank.location') },
    {
      name: 'tank_type',
      label: t('farm.tank.type'),
      kind: 'select',
      options: TYPES.map((type) => ({ value: type, label: t(`farm.tank.types.${type}`) })),
    },
    {
      name: 'status',
      label: t('common.status'),
      kind: 'select',
      options: STATUSES.map((status) => ({ value: status, label: t(`biofloc.status.${status}`) })),
    },
    {
      name: 'warehouse_id',
      label: t('stock.warehouse'),
      kind: 'select',
      options: (warehouses.data?.items ?? []).map((w) => ({ value: w.id, label: `${w.code} · ${w.name}` })),
    },
    { name: 'notes', label: t('trays.notes') },
  ];
  return (
    <SaveForm
      id="tank"
      className="grid gap-3 sm:grid-cols-2"
      fields={fields}
      initial={
        tank
          ? {
              tank_code: tank.tank_code,
              tank_name: tank.tank_name,
              capacity_liters: String(tank.capacity_liters),
              location: tank.location,
              tank_type: tank.tank_type,
              status: tank.status === 'in_use' ? '' : tank.status,
              warehouse_id: tank.warehouse_id ?? '',
              notes: tank.notes,
            }
          : { tank_type: 'circular' }
      }
      save={async (values, key) => {
        const body = bodyOf<BodyOf<'/api/v1/biofloc/tanks', 'post'>>(fields, values);
        return tank
          ? unwrap(
              await api.PATCH('/api/v1/biofloc/tanks/{id}', {
                params: { path: { id: tank.id } },
                body: { ...body, version: tank.version },
              }),
            )
          : unwrap(await api.POST('/api/v1/biofloc/tanks', { headers: { 'Idempotency-Key': key }, body }));
      }}
      onDone={onDone}
    />
  );
}
