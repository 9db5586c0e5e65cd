import type { FastifyBaseLogger } from 'fastify';
import type pg from 'pg';

/** The PostgreSQL channel every instance listens on. */
const CHANNEL = 'raktar_changes';

/** How long to wait before listening again after the connection is lost. */
const RECONNECT_MS = 1_000;

type Handler = (key: string) => void;

/**
 * Tells every instance sharing the database that something they may remember has changed
 * (a user, their grants, a login), through PostgreSQL's LISTEN/NOTIFY: no extra server needed.
 * A message is `topic:key`; `*` as the key means everything of that topic. While the listening
 * connection is down, nothing can be trusted, so every topic is told `*` when it comes back.
 */
export class ChangeFeed {
  private readonly handlers = new Map<string, Handler[]>();
  private client: pg.Client | undefined;
  private stopped = false;
  private retry: NodeJS.Timeout | undefined;

  constructor(
    private readonly pool: pg.Pool,
    /** LISTEN needs a session of its own on the server itself, never a pooler's. */
    private readonly sessionClient: () => pg.Client,
    private readonly log: FastifyBaseLogger,
  ) {}

  subscribe(topic: string, handler: Handler): void {
    this.handlers.set(topic, [...(this.handlers.get(topic) ?? []), handler]);
  }

  /** Tells every instance, this one included, that `key` of `topic` changed. */
  async publish(topic: string, key: string): Promise<void> {
    await this.pool.query('select pg_notify($1, $2)', [CHANNEL, `${topic}:${key}`]);
  }

  /** Starts listening on a connection of its own (not one of the pool's). */
  async start(): Promise<void> {
    const client = this.sessionClient();
    client.on('notification', (message) => this.deliver(message.payload ?? ''));
    client.on('error', (error) => {
      this.log.warn({ err: error }, 'change feed connection lost; listening again');
      void client.end().catch(() => {});
      this.reconnect();
    });
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    this.client = client;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    await this.client?.end().catch(() => {});
  }

  private reconnect(): void {
    this.client = undefined;
    if (this.stopped) return;
    this.retry = setTimeout(() => {
      this.start().then(
        // Whatever changed while no one listened is unknown: forget it all.
        () => {
          for (const topic of this.handlers.keys()) this.deliver(`${topic}:*`);
        },
        () => this.reconnect(),
      );
    }, RECONNECT_MS);
    this.retry.unref();
  }

  private deliver(payload: string): void {
    const at = payload.indexOf(':');
    if (at < 0) return;
    for (const handler of this.handlers.get(payload.slice(0, at)) ?? []) handler(payload.slice(at + 1));
  }
}
