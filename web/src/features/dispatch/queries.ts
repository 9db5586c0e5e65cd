import { useQuery } from '@tanstack/react-query';
import { api, type ResponseOf, unwrap } from '../../api/client';

export type Company = ResponseOf<'/api/v1/companies', 'get'>['items'][number];
export type Project = ResponseOf<'/api/v1/projects', 'get'>['items'][number];
export type Drillhole = ResponseOf<'/api/v1/drillholes', 'get'>['items'][number];
export type Dispatch = ResponseOf<'/api/v1/dispatches', 'get'>['items'][number];
export type Sample = ResponseOf<'/api/v1/samples', 'get'>['items'][number];

/** The choices of a picker: the first 100 (a site has tens of companies and projects, not thousands). */
const CHOICES = { page_size: 100 };

export function useCompanyChoices() {
  return useQuery({
    queryKey: ['companies', 'choices'],
    queryFn: async () => unwrap(await api.GET('/api/v1/companies', { params: { query: CHOICES } })).items,
  });
}

export function useProjectChoices() {
  return useQuery({
    queryKey: ['projects', 'choices'],
    queryFn: async () => unwrap(await api.GET('/api/v1/projects', { params: { query: CHOICES } })).items,
  });
}

export function useDrillholeChoices(projectId: string) {
  return useQuery({
    queryKey: ['drillholes', 'choices', projectId],
    enabled: Boolean(projectId),
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/drillholes', { params: { query: { ...CHOICES, project_id: projectId } } }),
      ).items,
  });
}

/** Trays on the shelf now, polled so two people dispatching see each other's changes. */
export function useAvailableTrays() {
  return useQuery({
    queryKey: ['trays-available'],
    refetchInterval: 15_000,
    queryFn: async () => unwrap(await api.GET('/api/v1/dispatch/inventory/available')),
  });
}

/** The newest 100 dispatches: the choices of a sample's dispatch. */
export function useDispatchChoices() {
  return useQuery({
    queryKey: ['dispatches', 'choices'],
    queryFn: async () => unwrap(await api.GET('/api/v1/dispatches', { params: { query: CHOICES } })).items,
  });
}
