import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, bodyOf } from '../../helpers/api.js';
import { waitForMail } from '../../helpers/smtp.js';
import { createWarehouse } from '../../helpers/stock.js';
import type { TestApp } from '../../helpers/test-app.js';
import {
  closeMailedApp,
  mailedApp,
  mailsTo,
  runAt,
  type SmtpServer,
  subscribe,
  textOf,
} from '../alerts/helpers.js';
import { createTank, stockBatch } from './helpers.js';

let t: TestApp;
let smtp: SmtpServer;
let admin: string;

beforeAll(async () => {
  ({ t, smtp, admin } = await mailedApp());
});
afterAll(async () => {
  await closeMailedApp(t, smtp);
});

describe('biofloc water alerts by mail', () => {
  it('mails a breach to its subscribers in their language, and an overdue test once a day', async () => {
    const client = api(t.app, admin);
    await subscribe(t, admin, {
      module: 'biofloc',
      kinds: ['water_quality', 'water_test_overdue'],
      locale: 'hu',
    });
    const wh = await createWarehouse(t.app, admin);
    const tank = await createTank(client, wh.id);
    await stockBatch(client, tank.id);

    bodyOf(
      await client.post('/api/v1/biofloc/water-tests', {
        tank_id: tank.id,
        test_date: '2026-01-02',
        dissolved_oxygen_mgl: 3.5,
      }),
      201,
    );
    const inbox = mailsTo(smtp.inbox, 'admin@raktar.test');
    const mail = textOf(await waitForMail(inbox, 1));
    expect(mail).toContain(
      `- Vízminőség: ${tank.tank_code} medence, dissolved_oxygen_mgl 3.5 (határérték 4: alatta marad)`,
    );

    const later = new Date(Date.now() + 2 * 86_400_000).toISOString();
    await runAt(t, later, 'biofloc-water-test-overdue');
    await runAt(t, later, 'biofloc-water-test-overdue');
    const overdue = textOf(await waitForMail(mailsTo(smtp.inbox, 'admin@raktar.test'), 2));
    expect(overdue).toContain(`- 24 órája nincs vízvizsgálat: ${tank.tank_code} medence`);
    expect(mailsTo(smtp.inbox, 'admin@raktar.test')).toHaveLength(2);
  });
});
