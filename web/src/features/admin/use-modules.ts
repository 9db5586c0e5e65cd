import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, type ResponseOf, unwrap } from '../../api/client';

export type Module = ResponseOf<'/api/v1/modules', 'get'>[number];

/** The module registry, in its order. */
export function useModules() {
  return useQuery({
    queryKey: ['modules'],
    queryFn: async () => unwrap(await api.GET('/api/v1/modules')),
  });
}

/** A module's name in the user's language (the API's English name for one this UI does not know). */
export function useModuleName() {
  const { t } = useTranslation();
  return (module: Module) => t(`access.moduleNames.${module.key}`, { defaultValue: module.name });
}
