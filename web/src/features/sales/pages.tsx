import { lazyPage, type PageEntry } from '../../page-entry';

const SalesOrdersPage = lazyPage(() => import('./sales-orders-page'), 'SalesOrdersPage');

export const salesPages: PageEntry[] = [
  {
    path: '/sales-orders',
    route: 'GET /api/v1/sales-orders',
    element: <SalesOrdersPage />,
    nav: { group: 'orders', key: 'sales.nav' },
  },
];
