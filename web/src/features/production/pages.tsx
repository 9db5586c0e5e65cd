import type { PageEntry } from '../../page-entry';
import { WorkOrdersPage } from './work-orders-page';

export const productionPages: PageEntry[] = [
  {
    path: '/work-orders',
    route: 'GET /api/v1/work-orders',
    element: <WorkOrdersPage />,
    nav: { group: 'orders', key: 'production.nav' },
  },
];
