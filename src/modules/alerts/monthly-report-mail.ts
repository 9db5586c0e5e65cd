import type { Locale } from '../../platform/i18n.js';
import { defineMessageGroup, interpolate } from '../../platform/translations.js';
import type { MailMessage } from '../mail/index.js';

export const MonthlyTexts = defineMessageGroup('alerts.monthly_report', {
  subject: {
    en: 'Raktar: stock report for {month}',
    hu: 'Raktar: készletjelentés, {month}',
  },
  body: {
    en:
      'Attached: stock on hand by warehouse and product at the end of {month} (as of {cut}), ' +
      'and its value per warehouse at FIFO and at the average cost of {generated}.',
    hu:
      'Mellékelve: a készlet raktáranként és termékenként {month} végén ({cut} állapot), ' +
      'valamint ennek értéke raktáranként FIFO-áron és a(z) {generated} szerinti átlagáron.',
  },
  sheet_stock: { en: 'Stock on hand', hu: 'Készlet' },
  sheet_valuation: { en: 'Valuation', hu: 'Értékelés' },
});

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The monthly report mail to one recipient, the workbook attached. */
export function monthlyReportMessage(
  to: string,
  locale: Locale,
  figures: { month: string; cut: string; generated: string; workbook: Buffer },
): MailMessage {
  return {
    to,
    subject: interpolate(MonthlyTexts.subject[locale], { month: figures.month }),
    text: interpolate(MonthlyTexts.body[locale], {
      month: figures.month,
      cut: figures.cut,
      generated: figures.generated,
    }),
    attachments: [
      { filename: `stock-report-${figures.month}.xlsx`, contentType: XLSX, content: figures.workbook },
    ],
  };
}
