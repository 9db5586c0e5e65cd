import type { PageEntry } from '../../page-entry';
import { PurchaseOrdersPage } from './purchase-orders-page';

export const purchasingPages: PageEntry[] = [
  {
    path: '/purchase-orders',
    route: 'GET /api/v1/purchase-orders',
    element: <PurchaseOrdersPage />,
    nav: { group: 'orders', key: 'nav.purchasing' },
  },
];
