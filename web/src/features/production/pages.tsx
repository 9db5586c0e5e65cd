import { lazyPage, type PageEntry } from '../../page-entry';

const WorkOrdersPage = lazyPage(() => import('./work-orders-page'), 'WorkOrdersPage');

export const productionPages: PageEntry[] = [
  {
    path: '/work-orders',
    route: 'GET /api/v1/work-orders',
    element: <WorkOrdersPage />,
    nav: { group: 'orders', key: 'production.nav' },
  },
];
