import type { FastifyBaseLogger } from 'fastify';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Db, DbOrTx } from '../../db/client.js';
import { insertOutboxMessage, lockDueMessages, markAttemptFailed, markSent } from './mail.repo.js';
import type { StoredAttachment } from './mail.tables.js';
import { retryAt } from './retry-backoff.js';

/** A file sent with a message. */
export interface MailAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  attachments?: MailAttachment[];
}

function stored(attachments: MailAttachment[] | undefined): StoredAttachment[] | null {
  if (!attachments || attachments.length === 0) return null;
  return attachments.map((file) => ({
    filename: file.filename,
    content_type: file.contentType,
    content_base64: file.content.toString('base64'),
  }));
}

function sendable(attachments: StoredAttachment[] | null) {
  return (attachments ?? []).map((file) => ({
    filename: file.filename,
    contentType: file.content_type,
    content: Buffer.from(file.content_base64, 'base64'),
  }));
}

export interface MailerOptions {
  smtpUrl: string | undefined;
  from: string;
  /** Delivery attempts before a message is given up as `failed`. */
  maxAttempts?: number;
}

/** Messages one delivery pass sends at most (the rest wait for the next). */
const DELIVERY_BATCH = 50;

/**
 * Sends mail over SMTP_URL when configured; either way every message is kept in the outbox table,
 * and without SMTP it is written to the log instead, so a first run still shows reset links.
 * A delivery that fails stays in the outbox and is retried with growing back-off
 * (`deliverDue`, run by the scheduler) until it goes out or the attempts run out.
 */
export class Mailer {
  private readonly transport: Transporter | undefined;
  private readonly pending = new Set<Promise<unknown>>();
  private readonly maxAttempts: number;

  constructor(
    private readonly db: Db,
    options: MailerOptions,
    private readonly logger: FastifyBaseLogger,
  ) {
    // Short timeouts: a delivery pass holds its rows while sending, and an unreachable server
    // should fail the attempt (to be retried) rather than hold them for nodemailer's 2 minutes.
    this.transport = options.smtpUrl
      ? nodemailer.createTransport(
          { url: options.smtpUrl, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 60_000 },
          { from: options.from },
        )
      : undefined;
    this.maxAttempts = options.maxAttempts ?? 10;
  }

  /**
   * Puts a message in the outbox inside the caller's transaction, so it exists exactly when what
   * it reports does; `deliver` sends it after the commit (or the retry job, should that not run).
   */
  async enqueue(tx: DbOrTx, message: MailMessage): Promise<string> {
    const id = await insertOutboxMessage(tx, {
      toAddress: message.to,
      subject: message.subject,
      body: message.text,
      attachments: stored(message.attachments),
      status: this.transport ? 'pending' : 'logged',
    });
    if (!this.transport) {
      this.logger.info(
        {
          mail_to: message.to,
          subject: message.subject,
          body: message.text,
          attachments: message.attachments?.map((file) => file.filename) ?? [],
        },
        'mail (no SMTP configured)',
      );
    }
    return id ?? '';
  }

  /** Sends one message; never throws (a failed delivery is kept and retried). */
  async send(message: MailMessage): Promise<void> {
    const id = await this.enqueue(this.db, message);
    await this.deliver([id]);
  }

  /** Delivers the named outbox messages still waiting; answers how many went out. */
  deliver(ids: string[], now = new Date()): Promise<number> {
    if (!this.transport || ids.length === 0) return Promise.resolve(0);
    return this.deliverLocked({ ids, now, limit: ids.length });
  }

  /** Delivers every waiting message due by `now` (the retry job); answers how many went out. */
  deliverDue(now = new Date()): Promise<number> {
    if (!this.transport) return Promise.resolve(0);
    return this.deliverLocked({ now, limit: DELIVERY_BATCH });
  }

  /** Holds the rows while sending, so two instances never send the same message. */
  private deliverLocked(filter: { ids?: string[]; now: Date; limit: number }): Promise<number> {
    const transport = this.transport;
    if (!transport) return Promise.resolve(0);
    return this.db.transaction(async (tx) => {
      let sent = 0;
      for (const message of await lockDueMessages(tx, filter)) {
        const attempts = message.attempts + 1;
        try {
          await transport.sendMail({
            to: message.to_address,
            subject: message.subject,
            text: message.body,
            attachments: sendable(message.attachments),
          });
          await markSent(tx, message.id, attempts);
          sent += 1;
        } catch (error) {
          const next = retryAt(filter.now, attempts, this.maxAttempts);
          this.logger.error(
            { err: error, mail_to: message.to_address, attempts, retry_at: next?.toISOString() ?? null },
            'mail delivery failed',
          );
          const reason = String((error as Error).message ?? error);
          await markAttemptFailed(tx, message.id, { attempts, error: reason, retryAt: next });
        }
      }
      return sent;
    });
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
