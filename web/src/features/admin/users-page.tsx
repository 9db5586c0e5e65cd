import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useDeferredValue, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { FormCard } from '../../components/form-card';
import { FormField, invalid } from '../../components/form-field';
import { Alert } from '../../components/ui/alert';
import { Button } from '../../components/ui/button';
import { Input, NativeSelect } from '../../components/ui/input';
import { Label } from '../../components/ui/label';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '../../components/ui/table';
import { fieldErrorsOf, formErrorOf } from '../../lib/api-errors';
import { useAuth } from '../../lib/auth';
import { useIdempotencyKey } from '../../lib/use-idempotency-key';
import { ModulesButton, ROLES, RoleSelect } from './user-access';

const FIELDS = ['username', 'email', 'full_name', 'password'] as const;

function NewUser() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Record<(typeof FIELDS)[number], string>>({
    username: '',
    email: '',
    full_name: '',
    password: '',
  });
  const [role, setRole] = useState<(typeof ROLES)[number]>('warehouse');
  const [key, renewKey] = useIdempotencyKey();
  const create = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/v1/users', {
          headers: { 'Idempotency-Key': key },
          body: { ...draft, role },
        }),
      ),
    onSuccess: () => {
      setDraft({ username: '', email: '', full_name: '', password: '' });
      renewKey();
      void queryClient.invalidateQueries({ queryKey: ['users'] });
    },
  });
  const fields = fieldErrorsOf(create.error);
  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate();
  }
  return (
    <FormCard title={t('users.new')} onSubmit={submit} className="grid gap-3 md:grid-cols-3">
      {create.error && Object.keys(fields).length === 0 ? (
        <Alert variant="destructive" className="md:col-span-3">
          {formErrorOf(create.error, t)}
        </Alert>
      ) : null}
      {FIELDS.map((name) => (
        <FormField key={name} id={`user-${name}`} label={t(`users.fields.${name}`)} error={fields[name]}>
          <Input
            id={`user-${name}`}
            type={name === 'password' ? 'password' : name === 'email' ? 'email' : 'text'}
            autoComplete={name === 'password' ? 'new-password' : 'off'}
            value={draft[name]}
            onChange={(e) => setDraft({ ...draft, [name]: e.target.value })}
            {...invalid(`user-${name}`, fields[name])}
          />
        </FormField>
      ))}
      <FormField id="user-role" label={t('users.fields.role')} error={fields.role}>
        <NativeSelect
          id="user-role"
          value={role}
          onChange={(e) => setRole(e.target.value as (typeof ROLES)[number])}
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`roles.${r}`)}
            </option>
          ))}
        </NativeSelect>
      </FormField>
      <div className="md:col-span-3">
        <Button type="submit" disabled={create.isPending}>
          {t('users.create')}
        </Button>
      </div>
    </FormCard>
  );
}

/** Administrators: the users, a new user with a role, each user's role and modules, and deactivating one. */
export function UsersPage() {
  const { t } = useTranslation();
  const { can, me } = useAuth();
  const canRole = can('PATCH /api/v1/users/{id}');
  const canGrant = can('PUT /api/v1/users/{id}/modules');
  const queryClient = useQueryClient();
  const [search, setSearch] = useState('');
  const deferred = useDeferredValue(search);
  const users = useQuery({
    queryKey: ['users', deferred],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/users', {
          params: { query: { page_size: 100, ...(deferred ? { search: deferred } : {}) } },
        }),
      ),
  });
  const deactivate = useMutation({
    mutationFn: async (id: string) =>
      unwrap(await api.DELETE('/api/v1/users/{id}', { params: { path: { id } } })),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: ['users'] }),
  });
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">{t('users.title')}</h1>
      <NewUser />
      {deactivate.error ? <Alert variant="destructive">{formErrorOf(deactivate.error, t)}</Alert> : null}
      <div className="flex max-w-md flex-col gap-1.5">
        <Label htmlFor="user-search">{t('common.search')}</Label>
        <Input id="user-search" type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
      </div>
      <Table>
        <TableHeader>
          <TableRow>
            <TableHead>{t('users.fields.username')}</TableHead>
            <TableHead>{t('users.fields.full_name')}</TableHead>
            <TableHead>{t('users.fields.role')}</TableHead>
            <TableHead>{t('access.modules')}</TableHead>
            <TableHead>{t('common.status')}</TableHead>
            <TableHead>
              <span className="sr-only">{t('common.actions')}</span>
            </TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {users.data?.items.map((user) => (
            <TableRow key={user.id}>
              <TableCell>{user.username}</TableCell>
              <TableCell>{user.full_name}</TableCell>
              <TableCell>
                {/* Not one's own role: an administrator cannot lock themselves out here. */}
                <RoleSelect user={user} editable={canRole && user.id !== me?.id} />
              </TableCell>
              <TableCell>{canGrant ? <ModulesButton user={user} /> : user.modules.join(', ')}</TableCell>
              <TableCell>{user.is_active ? t('users.active') : t('users.inactive')}</TableCell>
              <TableCell>
                {user.is_active && user.username !== 'admin' ? (
                  <Button
                    size="sm"
                    variant="outline"
                    disabled={deactivate.isPending}
                    onClick={() => deactivate.mutate(user.id)}
                  >
                    {t('users.deactivate')}
                    <span className="sr-only"> {user.username}</span>
                  </Button>
                ) : null}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
