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

export type SchedulerState = 'disabled' | 'starting' | 'running' | 'stopped' | 'failed';

/**
 * Cron jobs through pg-boss: the schedule lives in the database,
 * so a job runs once per tick however many API instances share it.
 */
export class Scheduler {
  private boss: PgBoss | undefined;
  private readonly jobs = new Map<string, ScheduledJob>();
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
    try {
      await boss.start();
      for (const job of this.jobs.values()) {
        await boss.createQueue(job.name);
        await boss.schedule(job.name, job.cron, {}, { tz: this.options.timezone });
        await boss.work(job.name, async () => {
          await job.run();
        });
      }
      this.boss = boss;
      this.state = 'running';
    } catch (error) {
      this.state = 'failed';
      this.options.logger.error({ err: error }, 'scheduler failed to start');
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
