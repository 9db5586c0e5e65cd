import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { Alert } from '../../components/ui/alert';
import { Card, CardContent } from '../../components/ui/card';
import { formErrorOf } from '../../lib/api-errors';
import { useAuth } from '../../lib/auth';
import { type Module, useModuleName, useModules } from './use-modules';

/** Administrators: switching modules on and off; a module switched off is closed to every non-admin. */
export function ModulesPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const queryClient = useQueryClient();
  const modules = useModules();
  const name = useModuleName();
  const toggle = useMutation({
    mutationFn: async ({ key, active }: { key: string; active: boolean }) =>
      unwrap(
        await api.PATCH('/api/v1/modules/{key}', { params: { path: { key } }, body: { is_active: active } }),
      ),
    onSuccess: (updated) =>
      queryClient.setQueryData<Module[]>(['modules'], (list) =>
        list?.map((m) => (m.key === updated.key ? updated : m)),
      ),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: ['modules'] });
      // What the signed-in user may use changes with the switch.
      void queryClient.invalidateQueries({ queryKey: ['me'] });
    },
  });
  const canChange = can('PATCH /api/v1/modules/{key}');
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">{t('access.modulesTitle')}</h1>
      <p className="text-sm text-muted-foreground">{t('access.modulesHint')}</p>
      {toggle.error ? <Alert variant="destructive">{formErrorOf(toggle.error, t)}</Alert> : null}
      {modules.error ? <Alert variant="destructive">{formErrorOf(modules.error, t)}</Alert> : null}
      <ul className="grid gap-3 md:grid-cols-2">
        {modules.data?.map((module) => {
          // The switch moves at once; the list read again after the change confirms it.
          const active =
            toggle.isPending && toggle.variables?.key === module.key
              ? toggle.variables.active
              : module.is_active;
          return (
            <li key={module.key}>
              <Card>
                <CardContent className="flex items-start gap-3 pt-4">
                  <input
                    id={`module-${module.key}`}
                    type="checkbox"
                    role="switch"
                    aria-checked={active}
                    aria-describedby={`module-${module.key}-about`}
                    className="mt-1 size-5 accent-primary"
                    checked={active}
                    disabled={!canChange || toggle.isPending}
                    onChange={(e) => toggle.mutate({ key: module.key, active: e.target.checked })}
                  />
                  <div className="flex flex-col gap-1">
                    <label htmlFor={`module-${module.key}`} className="font-semibold">
                      {name(module)}
                    </label>
                    <p id={`module-${module.key}-about`} className="text-sm text-muted-foreground">
                      {t(`access.moduleAbout.${module.key}`, { defaultValue: module.description })} ·{' '}
                      {active ? t('access.on') : t('access.off')}
                    </p>
                  </div>
                </CardContent>
              </Card>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
