import type { PageEntry } from '../../page-entry';
import { ReportsPage } from './reports-page';

export const reportPages: PageEntry[] = [
  {
    path: '/reports',
    route: 'GET /api/v1/reports/stock-on-hand',
    element: <ReportsPage />,
    nav: { group: 'reports', key: 'nav.reports' },
  },
];
