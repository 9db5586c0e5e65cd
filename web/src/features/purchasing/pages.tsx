import { lazyPage, type PageEntry } from '../../page-entry';

const PurchaseOrdersPage = lazyPage(() => import('./purchase-orders-page'), 'PurchaseOrdersPage');

export const purchasingPages: PageEntry[] = [
  {
    path: '/purchase-orders',
    route: 'GET /api/v1/purchase-orders',
    element: <PurchaseOrdersPage />,
    nav: { group: 'orders', key: 'nav.purchasing' },
  },
];
