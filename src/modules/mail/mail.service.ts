import type { FastifyBaseLogger } from 'fastify';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Db } from '../../db/client.js';
import { insertOutboxMessage, markFailed, markSent } from './mail.repo.js';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/**
 * Sends mail over SMTP_URL when configured; either way every message is kept in the outbox table,
 * and without SMTP it is written to the log instead, so a first run still shows reset links.
 */
export class Mailer {
  private readonly transport: Transporter | undefined;
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly db: Db,
    options: { smtpUrl: string | undefined; from: string },
    private readonly logger: FastifyBaseLogger,
  ) {
    this.transport = options.smtpUrl
      ? nodemailer.createTransport(options.smtpUrl, { from: options.from })
      : undefined;
  }

  /** Sends one message; never throws (a failed delivery is recorded as `failed`). */
  async send(message: MailMessage): Promise<void> {
    const id = await insertOutboxMessage(this.db, {
      toAddress: message.to,
      subject: message.subject,
      body: message.text,
      status: this.transport ? 'pending' : 'logged',
    });
    if (!this.transport) {
      this.logger.info(
        { mail_to: message.to, subject: message.subject, body: message.text },
        'mail (no SMTP configured)',
      );
      return;
    }
    try {
      await this.transport.sendMail({ to: message.to, subject: message.subject, text: message.text });
      await markSent(this.db, id ?? '');
    } catch (error) {
      this.logger.error({ err: error, mail_to: message.to }, 'mail delivery failed');
      await markFailed(this.db, id ?? '', String((error as Error).message ?? error));
    }
  }

  /** Sends in the background (the caller does not wait); close() waits for what is still going. */
  queue(message: MailMessage): void {
    const sending = this.send(message).finally(() => this.pending.delete(sending));
    this.pending.add(sending);
  }

  async close(): Promise<void> {
    await Promise.all(this.pending);
    this.transport?.close();
  }
}
