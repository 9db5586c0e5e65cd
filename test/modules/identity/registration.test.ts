import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usernameBase, usernameCandidate } from '../../../src/modules/identity/username.js';
import { bearer, createUser, login, loginAdmin, PASSWORD } from '../../helpers/factories.js';
import { buildTestApp, type TestApp } from '../../helpers/test-app.js';

let t: TestApp;
let admin: string;

beforeAll(async () => {
  t = await buildTestApp({ allowRegistration: true, defaultRole: 'viewer' });
  admin = (await loginAdmin(t.app)).access_token;
});
afterAll(() => t.close());

const register = (payload: object, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/register', payload, headers });

describe('usernameBase and usernameCandidate', () => {
  it('take the local part, lowercased, without accents and characters a username may not hold', () => {
    expect(usernameBase('Kovacs.Anna+raktar@Example.com')).toBe('kovacs.annaraktar');
    expect(usernameBase('józsef.ŐRSI@example.hu')).toBe('jozsef.orsi');
    expect(usernameBase('o_brien-2@example.com')).toBe('o_brien-2');
    expect(usernameBase('"odd@local"@example.com')).toBe('odd@local');
  });

  it('pad what is too short, and cut what is too long, suffix included', () => {
    expect(usernameBase('a@example.com')).toBe('user-a');
    expect(usernameBase('+++@example.com')).toBe('user');
    const long = `${'x'.repeat(70)}@example.com`;
    expect(usernameBase(long)).toBe('x'.repeat(64));
    expect(usernameCandidate('x'.repeat(64), 1)).toBe('x'.repeat(64));
    expect(usernameCandidate('x'.repeat(64), 2)).toBe(`${'x'.repeat(62)}-2`);
    expect(usernameCandidate('x'.repeat(64), 100)).toBe(`${'x'.repeat(60)}-100`);
    expect(usernameCandidate('anna', 3)).toBe('anna-3');
  });
});

describe('registration without a username', () => {
  it("derives it from the e-mail address's local part, and the user can sign in with it", async () => {
    const res = await register({ email: 'Kovacs.Anna+raktar@Example.com', password: PASSWORD });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ username: 'kovacs.annaraktar', role: 'viewer' });
    await expect(login(t.app, 'kovacs.annaraktar', PASSWORD)).resolves.toBeDefined();
  });

  it('adds -2, -3 … when the name is taken, in any case, also by a user created otherwise', async () => {
    const first = await register({ email: 'anna@one.test', password: PASSWORD });
    const second = await register({ email: 'ANNA@two.test', password: PASSWORD });
    const third = await register({ email: 'Anna@three.test', password: PASSWORD });
    expect([first, second, third].map((r) => r.json().username)).toEqual(['anna', 'anna-2', 'anna-3']);
    await createUser(t.app, admin, { username: 'Bob' });
    await createUser(t.app, admin, { username: 'bob-2' });
    expect((await register({ email: 'bob@bob.test', password: PASSWORD })).json().username).toBe('bob-3');
  });

  it('keeps to the length rules: a short local part is padded, a long one cut before its suffix', async () => {
    expect((await register({ email: 'a@short.test', password: PASSWORD })).json().username).toBe('user-a');
    expect((await register({ email: 'b@short.test', password: PASSWORD })).json().username).toBe('user-b');
    const local = 'y'.repeat(70);
    const long1 = await register({ email: `${local}@long.test`, password: PASSWORD });
    const long2 = await register({ email: `${local}@long2.test`, password: PASSWORD });
    expect(long1.json().username).toBe('y'.repeat(64));
    expect(long2.json().username).toBe(`${'y'.repeat(62)}-2`);
  });

  it('an e-mail address already in use is 409 EMAIL_TAKEN, localized, whatever the username', async () => {
    expect((await register({ email: 'taken@reg.test', password: PASSWORD })).statusCode).toBe(201);
    const en = await register({ email: 'Taken@Reg.test', password: PASSWORD });
    expect(en.statusCode).toBe(409);
    expect(en.json()).toMatchObject({
      error_code: 'EMAIL_TAKEN',
      detail: 'A user with e-mail Taken@Reg.test already exists.',
    });
    const hu = await register({ email: 'taken@reg.test', password: PASSWORD }, { 'accept-language': 'hu' });
    expect(hu.statusCode).toBe(409);
    expect(hu.json().detail).toBe('Már létezik felhasználó ezzel az e-mail-címmel: taken@reg.test.');
  });

  it('a username given is used as before: 409 USERNAME_TAKEN when taken, 422 when malformed', async () => {
    const own = await register({ email: 'carol@reg.test', username: 'Carol.K', password: PASSWORD });
    expect(own.json().username).toBe('Carol.K');
    const taken = await register({ email: 'carol2@reg.test', username: 'carol.k', password: PASSWORD });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error_code).toBe('USERNAME_TAKEN');
    const malformed = await register(
      { email: 'carol3@reg.test', username: 'a b', password: PASSWORD },
      { 'accept-language': 'hu' },
    );
    expect(malformed.statusCode).toBe(422);
    expect(malformed.json().errors.map((e: { field: string }) => e.field)).toEqual(['username']);
  });

  it('refuses a bad e-mail address or a weak password with a localized 422, creating no one', async () => {
    const count = async () =>
      (await t.app.inject({ method: 'GET', url: '/api/v1/users?page_size=1', headers: bearer(admin) })).json()
        .total as number;
    const before = await count();
    const email = await register({ email: 'not-an-address', password: PASSWORD });
    expect(email.statusCode).toBe(422);
    expect(email.json()).toMatchObject({
      error_code: 'VALIDATION_ERROR',
      errors: [{ field: 'email', message: 'not a valid e-mail address' }],
    });
    const hu = await register({ email: 'not-an-address', password: PASSWORD }, { 'accept-language': 'hu' });
    expect(hu.json().errors).toEqual([{ field: 'email', message: 'nem érvényes e-mail-cím' }]);
    const weak = await register({ email: 'weak@reg.test', password: 'weak' }, { 'accept-language': 'hu' });
    expect(weak.statusCode).toBe(422);
    expect(weak.json().errors[0].field).toBe('password');
    expect(await count()).toBe(before);
  });
});

describe('concurrent registrations', () => {
  it('deriving the same name at once all succeed, each with its own username', async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => register({ email: `sam@race${i}.test`, password: PASSWORD })),
    );
    expect(results.map((r) => r.statusCode)).toEqual(Array(8).fill(201));
    const names = results.map((r) => r.json().username as string).sort();
    expect(names).toEqual(['sam', 'sam-2', 'sam-3', 'sam-4', 'sam-5', 'sam-6', 'sam-7', 'sam-8']);
  });

  it('with one e-mail address, one succeeds and the others get a clean 409 EMAIL_TAKEN', async () => {
    const results = await Promise.all(
      Array.from({ length: 4 }, () => register({ email: 'twin@race.test', password: PASSWORD })),
    );
    const statuses = results.map((r) => r.statusCode).sort();
    expect(statuses).toEqual([201, 409, 409, 409]);
    for (const res of results.filter((r) => r.statusCode === 409)) {
      expect(res.json().error_code).toBe('EMAIL_TAKEN');
    }
  });
});
