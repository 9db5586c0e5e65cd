import type { PageEntry } from '../../page-entry';
import { IssuePage } from './issue-page';
import { ReceivePage } from './receive-page';
import { TransfersPage } from './transfers-page';

export const stockPages: PageEntry[] = [
  {
    path: '/stock/receive',
    route: 'POST /api/v1/inventory/receipts',
    element: <ReceivePage />,
    nav: { group: 'stock', key: 'nav.receive' },
  },
  {
    path: '/stock/issue',
    route: 'POST /api/v1/inventory/issues',
    element: <IssuePage />,
    nav: { group: 'stock', key: 'nav.issue' },
  },
  {
    path: '/stock/transfers',
    route: 'GET /api/v1/stock-transfers',
    element: <TransfersPage />,
    nav: { group: 'stock', key: 'nav.transfers' },
  },
];
