import type { Db } from '../../db/client.js';
import { localDateTime } from '../../platform/export/export-formats.js';
import type { Locale } from '../../platform/i18n.js';
import type { Mailer } from '../mail/index.js';
import { type ReportsService, stockOnHandExportColumns, valuationExportColumns } from '../reports/index.js';
import { type ReportRecipient, reportRecipients } from './alert-recipients.js';
import type { AlertMailboxes } from './alerts.service.js';
import { businessDay } from './business-day.js';
import { reportMonth } from './month-cut.js';
import { claimMonthlySends, reportRows } from './monthly-report.repo.js';
import { MonthlyTexts, monthlyReportMessage } from './monthly-report-mail.js';
import { type WorkbookSheet, workbookOf } from './monthly-workbook.js';
import { subscriptionsTo } from './subscriptions.repo.js';

/** The reports the monthly workbook is made of (the reports module's). */
export type MonthlyReports = Pick<ReportsService, 'stockOnHandExport' | 'valuationExport'>;

// By warehouse and product: the bin and lot columns stay empty, so they are left out.
const stockColumns = stockOnHandExportColumns.filter((c) => c.key !== 'bin_code' && c.key !== 'lot_number');

/**
 * The monthly stock report: on the 1st, one workbook per recipient (stock on hand at the end of
 * the previous month, and the valuation at moving average and FIFO per warehouse), mailed once
 * per month to every `monthly_report` subscriber.
 */
export class MonthlyReportService {
  constructor(
    private readonly db: Db,
    private readonly reports: MonthlyReports,
    private readonly users: AlertMailboxes,
    private readonly mailer: Mailer,
    private readonly settings: { timezone: string; defaultLocale: Locale },
  ) {}

  private async sheets(recipient: ReportRecipient, cut: Date, locale: Locale): Promise<WorkbookSheet[]> {
    const stock: Record<string, unknown>[] = [];
    const valued: Record<string, unknown>[] = [];
    for (const warehouseId of recipient.warehouseIds ?? [undefined]) {
      const onHand = await this.reports.stockOnHandExport({
        as_of: cut.toISOString(),
        group_by: 'warehouse',
        warehouse_id: warehouseId,
      });
      stock.push(...(await reportRows(this.db, onHand)));
      const value = await this.reports.valuationExport({
        as_of: cut.toISOString(),
        group_by: 'warehouse',
        warehouse_id: warehouseId,
      });
      valued.push(...(await reportRows(this.db, value)));
    }
    return [
      { name: MonthlyTexts.sheet_stock[locale], columns: stockColumns, rows: stock },
      { name: MonthlyTexts.sheet_valuation[locale], columns: valuationExportColumns, rows: valued },
    ];
  }

  /**
   * Mails the report of the month before `now` to each subscriber not yet mailed it: claimed and
   * queued in one transaction (a re-run or a second instance finds them claimed), sent after it.
   */
  async run(now = new Date()) {
    const { timezone, defaultLocale } = this.settings;
    const { month, firstDay, cut } = reportMonth(now, timezone);
    const mailIds = await this.db.transaction(async (tx) => {
      const subscriptions = await subscriptionsTo(tx, ['monthly_report']);
      const recipients = reportRecipients(subscriptions, await this.users.mailboxes(), defaultLocale);
      const claimed = await claimMonthlySends(
        tx,
        firstDay,
        recipients.map((recipient) => recipient.mailbox.id),
      );
      const ids: string[] = [];
      for (const recipient of recipients.filter((r) => claimed.has(r.mailbox.id))) {
        const { locale } = recipient;
        const workbook = await workbookOf(await this.sheets(recipient, cut, locale), locale, timezone);
        const message = monthlyReportMessage(recipient.mailbox.email, locale, {
          month,
          cut: localDateTime(cut, timezone),
          generated: localDateTime(now, timezone),
          workbook,
        });
        ids.push(await this.mailer.enqueue(tx, message));
      }
      return ids;
    });
    await this.mailer.deliver(mailIds, now);
    return {
      kind: 'monthly_report' as const,
      business_day: businessDay(now, timezone),
      month,
      mails: mailIds.length,
    };
  }
}
