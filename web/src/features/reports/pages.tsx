import { lazyPage, type PageEntry } from '../../page-entry';
import { REPORTS, reportPath } from './report-definitions';

const ReportPage = lazyPage(() => import('./report-page'), 'ReportPage');

/** Stock on hand is the menu's Reports entry; the others are reached by the report choice. */
export const reportPages: PageEntry[] = REPORTS.map((report) => ({
  path: reportPath(report.key),
  route: report.route,
  element: <ReportPage reportKey={report.key} />,
  ...(report.key === 'stock-on-hand' ? { nav: { group: 'reports' as const, key: 'nav.reports' } } : {}),
}));
