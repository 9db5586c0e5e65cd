import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createUser, login, loginAdmin, PASSWORD, type TestUser } from '../../helpers/factories.js';
import { startSmtpServer, waitForMail } from '../../helpers/smtp.js';
import { buildTestApp, type TestApp } from '../../helpers/test-app.js';

let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let user: TestUser;

beforeAll(async () => {
  smtp = await startSmtpServer();
  t = await buildTestApp({ smtpUrl: smtp.url, publicUrl: 'https://raktar.example.com' });
  user = await createUser(t.app, (await loginAdmin(t.app)).access_token, { role: 'warehouse' });
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

const post = (url: string, payload: object, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url, payload, headers });

function tokenFrom(raw: string): string {
  // Quoted-printable may wrap the line; undo soft breaks before reading the link.
  const text = raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
  const match = /reset-password\?token=([A-Za-z0-9_-]+)/.exec(text);
  if (!match?.[1]) throw new Error(`no reset link in:\n${raw}`);
  return match[1];
}

describe('forgot and reset password', () => {
  it('answers 202 with the same body whether or not the address exists', async () => {
    const unknown = await post('/api/v1/auth/forgot-password', { email: 'nobody@raktar.test' });
    const known = await post('/api/v1/auth/forgot-password', { email: user.email.toUpperCase() });
    expect(unknown.statusCode).toBe(202);
    expect(known.statusCode).toBe(202);
    expect(known.json()).toEqual(unknown.json());
    const mail = await waitForMail(smtp.inbox);
    expect(mail.to).toEqual([user.email]);
    expect(mail.raw).toContain('https://raktar.example.com/reset-password?token=');
    expect(smtp.inbox).toHaveLength(1);
  });

  it('validates the address', async () => {
    const res = await post('/api/v1/auth/forgot-password', { email: 'not-an-address' });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].field).toBe('email');
  });

  it('resets with the mailed token once, ending every session of the user', async () => {
    const token = tokenFrom(smtp.inbox[0]?.raw ?? '');
    const weak = await post('/api/v1/auth/reset-password', { token, new_password: 'weak' });
    expect(weak.statusCode).toBe(422);

    const ok = await post('/api/v1/auth/reset-password', { token, new_password: 'Reset!pass9' });
    expect(ok.statusCode).toBe(204);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(user.token) })).statusCode,
    ).toBe(401);
    expect((await post('/api/v1/auth/refresh', { refresh_token: user.refresh })).statusCode).toBe(401);
    await expect(login(t.app, user.username, PASSWORD)).rejects.toThrow();
    await expect(login(t.app, user.username, 'Reset!pass9')).resolves.toBeDefined();

    const again = await post('/api/v1/auth/reset-password', { token, new_password: 'Other!pass9' });
    expect(again.statusCode).toBe(400);
    expect(again.json().error_code).toBe('RESET_TOKEN_INVALID');
  });

  it('refuses an expired or made-up token', async () => {
    await post('/api/v1/auth/forgot-password', { email: user.email });
    const token = tokenFrom((await waitForMail(smtp.inbox, 2)).raw);
    await t.database.executeSql(
      "update password_reset_tokens set expires_at = now() - interval '1 second'",
      [],
    );
    const expired = await post('/api/v1/auth/reset-password', { token, new_password: 'Reset!pass8' });
    expect(expired.statusCode).toBe(400);
    const madeUp = await post(
      '/api/v1/auth/reset-password',
      { token: 'made-up', new_password: 'Reset!pass8' },
      { 'accept-language': 'hu' },
    );
    expect(madeUp.json().detail).toBe(
      'A jelszó-visszaállító hivatkozás érvénytelen, már felhasznált vagy lejárt.',
    );
  });

  it('keeps every mail in the outbox with its delivery state', async () => {
    const { rows } = await t.database.executeSql(
      'select to_address, status from outbox order by created_at',
      [],
    );
    expect(rows).toEqual([
      { to_address: user.email, status: 'sent' },
      { to_address: user.email, status: 'sent' },
    ]);
  });
});

describe('without SMTP', () => {
  it('writes the mail to the log and the outbox', async () => {
    const local = await buildTestApp();
    try {
      const admin = await loginAdmin(local.app);
      const someone = await createUser(local.app, admin.access_token);
      await local.app.inject({
        method: 'POST',
        url: '/api/v1/auth/forgot-password',
        payload: { email: someone.email },
      });
      await local.app.close();
      const logged = local.logs.find((line) => line.msg === 'mail (no SMTP configured)');
      expect(logged?.mail_to).toBe(someone.email);
      const { rows } = await local.database.executeSql('select status from outbox', []);
      expect(rows).toEqual([{ status: 'logged' }]);
    } finally {
      await local.close();
    }
  });
});
