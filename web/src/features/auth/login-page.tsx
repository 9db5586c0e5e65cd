import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation } from 'react-router';
import { api, unwrap } from '../../api/client';
import { FormField, invalid } from '../../components/form-field';
import { Alert } from '../../components/ui/alert';
import { Button } from '../../components/ui/button';
import { Input } from '../../components/ui/input';
import { fieldErrorsOf, formErrorOf } from '../../lib/api-errors';
import { useAuth } from '../../lib/auth';
import { AuthShell } from './auth-shell';

export function LoginPage() {
  const { t } = useTranslation();
  const auth = useAuth();
  const location = useLocation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const login = useMutation({
    mutationFn: async () =>
      unwrap(await api.POST('/api/v1/auth/login-json', { body: { username, password } })),
    onSuccess: (pair) => auth.signIn(pair),
  });
  if (auth.me) return <Navigate to={(location.state as { from?: string } | null)?.from ?? '/'} replace />;

  const fields = fieldErrorsOf(login.error);
  function submit(event: FormEvent) {
    event.preventDefault();
    login.mutate();
  }
  return (
    <AuthShell title={t('auth.signIn')}>
      <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
        {login.error && !fields.username && !fields.password ? (
          <Alert variant="destructive">{formErrorOf(login.error, t)}</Alert>
        ) : null}
        <FormField id="username" label={t('auth.username')} error={fields.username}>
          <Input
            id="username"
            autoComplete="username"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            {...invalid('username', fields.username)}
          />
        </FormField>
        <FormField id="password" label={t('auth.password')} error={fields.password}>
          <Input
            id="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            {...invalid('password', fields.password)}
          />
        </FormField>
        <Button type="submit" disabled={login.isPending}>
          {t('auth.signIn')}
        </Button>
        <Link to="/forgot-password" className="text-sm text-primary underline">
          {t('auth.forgot')}
        </Link>
      </form>
    </AuthShell>
  );
}
