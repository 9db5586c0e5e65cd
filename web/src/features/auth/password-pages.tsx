import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { FormField, invalid } from '../../components/form-field';
import { Alert } from '../../components/ui/alert';
import { Button } from '../../components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/card';
import { Input } from '../../components/ui/input';
import { fieldErrorsOf, formErrorOf } from '../../lib/api-errors';
import { useAuth } from '../../lib/auth';
import { AuthShell } from './auth-shell';

/** Asks for a reset mail; the answer is the same whether or not the address has an account. */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const forgot = useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/v1/auth/forgot-password', { body: { email } })),
  });
  const fields = fieldErrorsOf(forgot.error);
  function submit(event: FormEvent) {
    event.preventDefault();
    forgot.mutate();
  }
  return (
    <AuthShell title={t('auth.forgotTitle')}>
      <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
        {forgot.data ? <Alert variant="success">{forgot.data.detail}</Alert> : null}
        {forgot.error && !fields.email ? (
          <Alert variant="destructive">{formErrorOf(forgot.error, t)}</Alert>
        ) : null}
        <FormField id="email" label={t('auth.email')} error={fields.email}>
          <Input
            id="email"
            type="email"
            autoComplete="email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            {...invalid('email', fields.email)}
          />
        </FormField>
        <Button type="submit" disabled={forgot.isPending}>
          {t('auth.sendLink')}
        </Button>
        <Link to="/login" className="text-sm text-primary underline">
          {t('auth.backToSignIn')}
        </Link>
      </form>
    </AuthShell>
  );
}

/** Where the mailed link (`/reset-password?token=…`) lands. */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const [password, setPassword] = useState('');
  const reset = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/v1/auth/reset-password', {
          body: { token: params.get('token') ?? '', new_password: password },
        }),
      ),
  });
  const fields = fieldErrorsOf(reset.error);
  function submit(event: FormEvent) {
    event.preventDefault();
    reset.mutate();
  }
  return (
    <AuthShell title={t('auth.resetTitle')}>
      {reset.isSuccess ? (
        <div className="flex flex-col gap-4">
          <Alert variant="success">{t('auth.resetDone')}</Alert>
          <Link to="/login" className="text-sm text-primary underline">
            {t('auth.backToSignIn')}
          </Link>
        </div>
      ) : (
        <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
          {reset.error && !fields.new_password ? (
            <Alert variant="destructive">{formErrorOf(reset.error, t)}</Alert>
          ) : null}
          <FormField id="new-password" label={t('auth.newPassword')} error={fields.new_password}>
            <Input
              id="new-password"
              type="password"
              autoComplete="new-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              {...invalid('new-password', fields.new_password)}
            />
          </FormField>
          <Button type="submit" disabled={reset.isPending}>
            {t('auth.setPassword')}
          </Button>
        </form>
      )}
    </AuthShell>
  );
}

/** The signed-in user's account: who they are and a password change (which ends other sessions). */
export function AccountPage() {
  const { t } = useTranslation();
  const auth = useAuth();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const change = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/v1/auth/change-password', {
          body: { current_password: current, new_password: next },
        }),
      ),
    onSuccess: (pair) => {
      auth.signIn(pair);
      setCurrent('');
      setNext('');
    },
  });
  const fields = fieldErrorsOf(change.error);
  function submit(event: FormEvent) {
    event.preventDefault();
    change.mutate();
  }
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">{t('account.title')}</h1>
      <p>
        {auth.me?.full_name} · {auth.me?.username} · {auth.me ? t(`roles.${auth.me.role}`) : ''}
      </p>
      <Card className="max-w-md">
        <CardHeader>
          <CardTitle>{t('account.changePassword')}</CardTitle>
        </CardHeader>
        <CardContent>
          <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
            {change.isSuccess ? <Alert variant="success">{t('account.changed')}</Alert> : null}
            {change.error && !fields.current_password && !fields.new_password ? (
              <Alert variant="destructive">{formErrorOf(change.error, t)}</Alert>
            ) : null}
            <FormField id="current-password" label={t('account.current')} error={fields.current_password}>
              <Input
                id="current-password"
                type="password"
                autoComplete="current-password"
                value={current}
                onChange={(e) => setCurrent(e.target.value)}
                {...invalid('current-password', fields.current_password)}
              />
            </FormField>
            <FormField id="new-password" label={t('auth.newPassword')} error={fields.new_password}>
              <Input
                id="new-password"
                type="password"
                autoComplete="new-password"
                value={next}
                onChange={(e) => setNext(e.target.value)}
                {...invalid('new-password', fields.new_password)}
              />
            </FormField>
            <Button type="submit" disabled={change.isPending}>
              {t('account.changePassword')}
            </Button>
          </form>
        </CardContent>
      </Card>
    </div>
  );
}
