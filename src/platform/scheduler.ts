import type { FastifyBaseLogger } from 'fastify';
import PgBoss from 'pg-boss';
import type { Database } from '../db/client.js';

export interface ScheduledJob {
  /** Queue name, also the job's identity across instances. */
  name: string;
  /** Cron expression (5 fields), evaluated in the configured time zone. */
  cron: string;
  run: () => Promise<void>;
}

/** Work sent on demand (`send`) and done by whichever instance runs a scheduler first. */
export interface QueuedJob<T extends object = object> {
  /** Queue name. */
  name: string;
  /** Does one piece of work; a throw retries it (up to 3 more times, a few seconds apart). */
  run: (data: T) => Promise<void>;
}

/** How often an idle worker looks for queued work (pg-boss allows 0.5 s at least). */
const QUEUE_POLL_SECONDS = 1;

export type SchedulerState = 'disabled' | 'starting' | 'running' | 'stopped' | 'failed';

/**
 * Cron jobs through pg-boss: the schedule lives in the database,
 * so a job runs once per tick however many API instances share it.
 */
export class Scheduler {
  private boss: PgBoss | undefined;
  private readonly jobs = new Map<string, ScheduledJob>();
  private readonly queues = new Map<string, QueuedJob>();
  state: SchedulerState;

  constructor(
    private readonly database: Database,
    private readonly options: { enabled: boolean; timezone: string; logger: FastifyBaseLogger },
  ) {
    this.state = options.enabled ? 'stopped' : 'disabled';
  }

  /** Adds a job; call before start(). */
  register(job: ScheduledJob): void {
    this.jobs.set(job.name, job);
  }

  /** Adds a queue of on-demand work; call before start(). */
  registerQueue<T extends object>(job: QueuedJob<T>): void {
    this.queues.set(job.name, job as unknown as QueuedJob);
  }

  /**
   * Queues `data` for the queue's worker on any instance. False when this process runs no
   * scheduler: the caller keeps the work where a scheduled sweep on another instance finds it.
   */
  async send(name: string, data: object, options: { singletonKey?: string } = {}): Promise<boolean> {
    if (!this.queues.has(name)) throw new Error(`unknown queue ${name}`);
    if (!this.boss) return false;
    await this.boss.send(name, data, options);
    return true;
  }

  /** Runs a registered job in this process now, outside the schedule (tests, manual triggers). */
  async runNow(name: string): Promise<void> {
    const job = this.jobs.get(name);
    if (!job) throw new Error(`unknown job ${name}`);
    await job.run();
  }

  async start(): Promise<void> {
    if (!this.options.enabled) return;
    this.state = 'starting';
    const boss = new PgBoss({
      db: { executeSql: (text: string, values?: unknown[]) => this.database.executeSql(text, values) },
      schema: 'pgboss',
    });
    boss.on('error', (error) => this.options.logger.error({ err: error }, 'scheduler error'));
    boss.on('stopped', () => this.options.logger.info('scheduler stopped'));
    try {
      await boss.start();
      for (const job of this.jobs.values()) {
        await boss.createQueue(job.name);
        await boss.schedule(job.name, job.cron, {}, { tz: this.options.timezone });
        await boss.work(job.name, async () => {
          await job.run();
        });
      }
      for (const queue of this.queues.values()) {
        await boss.createQueue(queue.name, {
          name: queue.name,
          retryLimit: 3,
          retryDelay: 5,
          expireInSeconds: 3_600,
        });
        await boss.work<object>(queue.name, { pollingIntervalSeconds: QUEUE_POLL_SECONDS }, async (batch) => {
          for (const job of batch) await queue.run(job.data);
        });
      }
      this.boss = boss;
      this.state = 'running';
    } catch (error) {
      this.options.logger.error({ err: error }, 'scheduler failed to start');
      // Workers and the schedule's clock started before the failure would go on running.
      await boss
        .stop({ graceful: false, wait: true, timeout: 5_000 })
        .catch((stopError: unknown) =>
          this.options.logger.error({ err: stopError }, 'scheduler stop failed'),
        );
      this.state = 'failed';
    }
  }

  async stop(): Promise<void> {
    if (!this.boss) return;
    const boss = this.boss;
    this.boss = undefined;
    await boss.stop({ graceful: true, wait: true, timeout: 5_000 });
    this.state = 'stopped';
  }

  status(): { state: SchedulerState; jobs: { name: string; cron: string; timezone: string }[] } {
    return {
      state: this.state,
      jobs: [...this.jobs.values()].map((job) => ({
        name: job.name,
        cron: job.cron,
        timezone: this.options.timezone,
      })),
    };
  }
}
