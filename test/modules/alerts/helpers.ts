import { vi } from 'vitest';
import { bearer, loginAdmin } from '../../helpers/factories.js';
import { type ReceivedMail, startSmtpServer } from '../../helpers/smtp.js';
import { createProduct, move } from '../../helpers/stock.js';
import { buildTestApp, type TestApp } from '../../helpers/test-app.js';

/** Runs a scheduled job with the clock set to `iso`: the job reads "now" from it. */
export async function runAt(t: TestApp, iso: string, job: string): Promise<void> {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(iso));
  try {
    await t.app.scheduler.runNow(job);
  } finally {
    vi.useRealTimers();
  }
}

/** A lot-tracked product with `quantity` of lot `lot` (expiring on `expiry`) in the warehouse. */
export async function lotInStock(
  t: TestApp,
  token: string,
  warehouseId: string,
  lots: { lot: string; expiry: string; quantity: number }[],
) {
  const product = await createProduct(t.app, token, { tracking: 'lot' });
  for (const { lot, expiry, quantity } of lots) {
    const res = await move(t.app, token, {
      product_id: product.id,
      warehouse_id: warehouseId,
      movement_type: 'receipt',
      quantity,
      lot_number: lot,
      expiry_date: expiry,
    });
    if (res.statusCode !== 201) throw new Error(`receipt: ${res.body}`);
  }
  return product;
}

/** The text of a received mail: headers and body, quoted-printable undone. */
export function textOf(mail: ReceivedMail): string {
  const joined = mail.raw.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const hex = /^=([0-9A-F]{2})/.exec(joined.slice(i, i + 3));
    if (hex?.[1]) {
      bytes.push(Number.parseInt(hex[1], 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(joined[i] ?? '', 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

export function mailsTo(inbox: ReceivedMail[], address: string): ReceivedMail[] {
  return inbox.filter((mail) => mail.to.includes(address));
}

export async function subscribe(t: TestApp, token: string, body: object) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/alerts/subscriptions',
    headers: bearer(token),
    payload: body,
  });
  if (res.statusCode !== 201) throw new Error(`subscribe: ${res.body}`);
  return res.json() as { id: string; version: number };
}

/** The attachments of a received mail: file name and decoded bytes (base64 parts, as nodemailer sends them). */
export function attachmentsOf(mail: ReceivedMail): { filename: string; content: Buffer }[] {
  const found: { filename: string; content: Buffer }[] = [];
  for (const part of mail.raw.split(/\r?\n--/)) {
    const split = part.search(/\r?\n\r?\n/);
    if (split < 0) continue;
    const head = part.slice(0, split).replace(/\r?\n[ \t]+/g, ' ');
    const name = /Content-Disposition:\s*attachment;\s*filename="?([^";\r\n]+)"?/i.exec(head);
    if (!name?.[1] || !/Content-Transfer-Encoding:\s*base64/i.test(head)) continue;
    found.push({ filename: name[1], content: Buffer.from(part.slice(split).replace(/\s+/g, ''), 'base64') });
  }
  return found;
}

export type SmtpServer = Awaited<ReturnType<typeof startSmtpServer>>;

/** The app mailing to a real SMTP server in this process, and the signed-in admin's token. */
export async function mailedApp(): Promise<{ t: TestApp; smtp: SmtpServer; admin: string }> {
  const smtp = await startSmtpServer();
  const t = await buildTestApp({ smtpUrl: smtp.url });
  return { t, smtp, admin: (await loginAdmin(t.app)).access_token };
}

/** Closes what `mailedApp` opened. */
export async function closeMailedApp(t: TestApp, smtp: SmtpServer): Promise<void> {
  await t.close();
  await smtp.close();
}
