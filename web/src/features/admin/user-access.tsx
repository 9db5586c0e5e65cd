import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type ResponseOf, unwrap } from '../../api/client';
import { Alert } from '../../components/ui/alert';
import { Button } from '../../components/ui/button';
import { Dialog, DialogContent, DialogDescription, DialogTitle } from '../../components/ui/dialog';
import { NativeSelect } from '../../components/ui/input';
import { fieldErrorsOf, formErrorOf } from '../../lib/api-errors';
import { useIdempotencyKey } from '../../lib/use-idempotency-key';
import { useModuleName, useModules } from './use-modules';

type User = ResponseOf<'/api/v1/users', 'get'>['items'][number];
export const ROLES = ['admin', 'manager', 'warehouse', 'viewer'] as const;
type Role = (typeof ROLES)[number];

/** A user's role, changed in place (with the version read, so a change made meanwhile is refused). */
export function RoleSelect({ user, editable }: { user: User; editable: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const change = useMutation({
    mutationFn: async (role: Role) =>
      unwrap(
        await api.PATCH('/api/v1/users/{id}', {
          params: { path: { id: user.id } },
          body: { role, version: user.version },
        }),
      ),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: ['users'] }),
  });
  if (!editable) return <>{t(`roles.${user.role}`, { defaultValue: user.role })}</>;
  const id = `role-${user.id}`;
  const error = fieldErrorsOf(change.error).role ?? formErrorOf(change.error, t);
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="sr-only">
        {t('access.roleOf', { user: user.username })}
      </label>
      <NativeSelect
        id={id}
        className="h-8 min-w-40 py-1"
        value={user.role}
        disabled={change.isPending}
        onChange={(e) => change.mutate(e.target.value as Role)}
        {...(error ? { 'aria-invalid': true, 'aria-describedby': `${id}-error` } : {})}
      >
        {ROLES.map((role) => (
          <option key={role} value={role}>
            {t(`roles.${role}`)}
          </option>
        ))}
      </NativeSelect>
      {error ? (
        <p id={`${id}-error`} className="max-w-xs whitespace-normal text-sm text-destructive">
          {error}
        </p>
      ) : null}
    </div>
  );
}

function ModulesForm({ user, onDone }: { user: User; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const modules = useModules();
  const name = useModuleName();
  const [granted, setGranted] = useState(() => new Set(user.modules));
  const [key, renewKey] = useIdempotencyKey();
  const save = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.PUT('/api/v1/users/{id}/modules', {
          params: { path: { id: user.id } },
          headers: { 'Idempotency-Key': key },
          body: { modules: [...granted] },
        }),
      ),
    onSuccess: () => {
      renewKey();
      void queryClient.invalidateQueries({ queryKey: ['users'] });
      onDone();
    },
  });
  const fields = fieldErrorsOf(save.error);
  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }
  return (
    <form onSubmit={submit} className="flex flex-col gap-3" noValidate>
      {user.role === 'admin' ? <p className="text-sm">{t('access.adminHasAll')}</p> : null}
      <fieldset className="flex flex-col gap-2" aria-describedby={fields.modules ? 'grant-error' : undefined}>
        <legend className="mb-1 text-sm font-medium">{t('access.grantedModules')}</legend>
        {modules.data?.map((module) => (
          <label key={module.key} htmlFor={`grant-${module.key}`} className="flex items-center gap-2 text-sm">
            <input
              id={`grant-${module.key}`}
              type="checkbox"
              className="size-4 accent-primary"
              checked={granted.has(module.key)}
              onChange={(e) => {
                const next = new Set(granted);
                if (e.target.checked) next.add(module.key);
                else next.delete(module.key);
                setGranted(next);
              }}
            />
            {name(module)}
            {module.is_active ? null : <span className="text-muted-foreground">({t('access.off')})</span>}
          </label>
        ))}
      </fieldset>
      {fields.modules ? (
        <p id="grant-error" className="text-sm text-destructive">
          {fields.modules}
        </p>
      ) : null}
      {save.error && !fields.modules ? (
        <Alert variant="destructive">{formErrorOf(save.error, t)}</Alert>
      ) : null}
      <div>
        <Button type="submit" disabled={save.isPending}>
          {t('common.save')}
        </Button>
      </div>
    </form>
  );
}

/** A button opening the module grants of one user. */
export function ModulesButton({ user }: { user: User }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button size="sm" variant="outline" onClick={() => setOpen(true)}>
        {t('access.modules')}
        <span className="sr-only"> {user.username}</span>
      </Button>
      <Dialog open={open} onOpenChange={setOpen}>
        <DialogContent>
          <DialogTitle>{t('access.modulesOf', { user: user.username })}</DialogTitle>
          <DialogDescription>{t('access.modulesHelp')}</DialogDescription>
          {open ? <ModulesForm user={user} onDone={() => setOpen(false)} /> : null}
        </DialogContent>
      </Dialog>
    </>
  );
}
