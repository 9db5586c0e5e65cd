import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let runs = 0;
beforeAll(async () => {
  t = await buildTestApp({ schedulerEnabled: true });
  t.app.scheduler.register({
    name: 'probe-job',
    cron: '*/15 * * * *',
    run: async () => {
      runs += 1;
    },
  });
  await t.app.ready();
});
afterAll(() => t.close());

describe('scheduler (pg-boss on this database)', () => {
  it('starts, keeps the schedule in the database and reports it on /health', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/health' });
    expect(res.json().scheduler).toBe('running');
    const probe = { name: 'probe-job', cron: '*/15 * * * *', timezone: 'Europe/Budapest' };
    const purge = { name: 'purge-idempotency-keys', cron: '17 * * * *', timezone: 'Europe/Budapest' };
    const sweep = { name: 'release-expired-reservations', cron: '*/15 * * * *', timezone: 'Europe/Budapest' };
    const snapshot = { name: 'stock-snapshot-monthly', cron: '15 0 1 * *', timezone: 'Europe/Budapest' };
    const fill = { name: 'stock-snapshot-fill', cron: '*/10 * * * *', timezone: 'Europe/Budapest' };
    const expiry = { name: 'alerts-expiry', cron: '0 6 * * *', timezone: 'Europe/Budapest' };
    const lowStock = { name: 'alerts-low-stock', cron: '5 6 * * *', timezone: 'Europe/Budapest' };
    const mailRetry = { name: 'mail-retry', cron: '* * * * *', timezone: 'Europe/Budapest' };
    const imports = { name: 'resume-imports', cron: '* * * * *', timezone: 'Europe/Budapest' };
    const monthly = { name: 'monthly-report', cron: '0 7 1 * *', timezone: 'Europe/Budapest' };
    const water = { name: 'biofloc-water-test-overdue', cron: '20 * * * *', timezone: 'Europe/Budapest' };
    const jobs = [expiry, lowStock, water, mailRetry, monthly, probe, purge, sweep, imports, fill, snapshot];
    expect(res.json().jobs).toEqual(expect.arrayContaining(jobs));
    const { rows } = await t.database.executeSql(
      'select name, cron, timezone from pgboss.schedule order by name',
      [],
    );
    expect(rows).toEqual(jobs);
  });

  it('runs a registered job on demand', async () => {
    await t.app.scheduler.runNow('probe-job');
    expect(runs).toBe(1);
    await expect(t.app.scheduler.runNow('unknown')).rejects.toThrow(/unknown job/);
  });
});

describe('a scheduler that fails part-way through starting', () => {
  it('reports failed and stops what it had started', async () => {
    const broken = await buildTestApp({ schedulerEnabled: true });
    try {
      // Registered last: the built-in jobs' workers are already running when its cron is refused.
      broken.app.scheduler.register({ name: 'broken-cron', cron: 'every so often', run: async () => {} });
      await broken.app.ready();
      const res = await broken.app.inject({ method: 'GET', url: '/health' });
      expect(res.json().scheduler).toBe('failed');
      const messages = broken.logs.map((line) => line.msg);
      expect(messages).toContain('scheduler failed to start');
      // pg-boss's own event: its workers and clock are stopped, not left polling the database.
      expect(messages).toContain('scheduler stopped');
    } finally {
      await broken.close();
    }
  });
});
