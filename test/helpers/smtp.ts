import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  raw: string;
}

/** A real SMTP server in this process, collecting what it receives (on `port`, or a free one). */
export async function startSmtpServer(port = 0): Promise<{
  url: string;
  inbox: ReceivedMail[];
  close: () => Promise<void>;
}> {
  const inbox: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        inbox.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const bound = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${bound}`,
    inbox,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Polls until the inbox holds `count` messages. */
export async function waitForMail(
  inbox: ReceivedMail[],
  count = 1,
  timeoutMs = 5_000,
): Promise<ReceivedMail> {
  const deadline = Date.now() + timeoutMs;
  while (inbox.length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  const mail = inbox[count - 1];
  if (!mail) throw new Error(`no mail #${count} arrived`);
  return mail;
}
