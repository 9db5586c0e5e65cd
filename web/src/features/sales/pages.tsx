import type { PageEntry } from '../../page-entry';
import { SalesOrdersPage } from './sales-orders-page';

export const salesPages: PageEntry[] = [
  {
    path: '/sales-orders',
    route: 'GET /api/v1/sales-orders',
    element: <SalesOrdersPage />,
    nav: { group: 'orders', key: 'sales.nav' },
  },
];
