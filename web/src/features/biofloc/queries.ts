import { useQuery } from '@tanstack/react-query';
import { api, type ResponseOf, unwrap } from '../../api/client';

export type Tank = ResponseOf<'/api/v1/biofloc/tanks', 'get'>['items'][number];
export type Batch = ResponseOf<'/api/v1/biofloc/batches/{id}', 'get'>;
export type Profile = ResponseOf<'/api/v1/biofloc/water-quality-profiles', 'get'>['items'][number];

/** Every tank (a farm has tens): the grid and the tank pickers. */
export function useTanks() {
  return useQuery({
    queryKey: ['tanks'],
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/biofloc/tanks', { params: { query: { page_size: 100 } } })).items,
  });
}

/** The active batches: the choices of the forms that record against a batch. */
export function useActiveBatches() {
  return useQuery({
    queryKey: ['batches', 'active'],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/biofloc/batches', { params: { query: { status: 'active', page_size: 100 } } }),
      ).items,
  });
}

export function useBatch(id: string | null | undefined) {
  return useQuery({
    queryKey: ['batches', 'one', id],
    enabled: Boolean(id),
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/biofloc/batches/{id}', { params: { path: { id: id ?? '' } } })),
  });
}

export function useProfiles() {
  return useQuery({
    queryKey: ['water-profiles'],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/biofloc/water-quality-profiles', { params: { query: { page_size: 100 } } }),
      ).items,
  });
}

/** Tank choices for a picker: code, name and what is in it. */
export function tankOptions(tanks: Tank[] | undefined, emptyLabel: string) {
  return (tanks ?? []).map((tank) => ({
    value: tank.id,
    label: `${tank.tank_code} · ${tank.current_batch_code ?? emptyLabel}`,
  }));
}

export function batchOptions(
  batches: { id: string; batch_code: string; current_tank_name: string }[] | undefined,
) {
  return (batches ?? []).map((b) => ({ value: b.id, label: `${b.batch_code} · ${b.current_tank_name}` }));
}
