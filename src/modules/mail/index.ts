import type { Scheduler } from '../../platform/scheduler.js';
import type { Mailer } from './mail.service.js';

export { type MailAttachment, Mailer, type MailMessage } from './mail.service.js';
export { retryDelayMs } from './retry-backoff.js';

/** Schedules the delivery of waiting and failed mail, with back-off, on `cron`. */
export function scheduleMailRetry(scheduler: Scheduler, mailer: Mailer, cron: string): void {
  scheduler.register({
    name: 'mail-retry',
    cron,
    run: async () => {
      await mailer.deliverDue();
    },
  });
}
