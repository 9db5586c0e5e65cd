import type { PageEntry } from '../../page-entry';
import { AdjustPage } from './adjust-page';
import { BinsPage } from './bins-page';
import { CountPage } from './count-page';
import { IssuePage } from './issue-page';
import { MovementsPage } from './movements-page';
import { ReceivePage } from './receive-page';
import { ReservationsPage } from './reservations-page';
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
  {
    path: '/stock/count',
    route: 'POST /api/v1/inventory/counts',
    element: <CountPage />,
    nav: { group: 'stock', key: 'stockCount.nav' },
  },
  {
    path: '/stock/adjust',
    route: 'POST /api/v1/inventory/adjustments',
    element: <AdjustPage />,
    nav: { group: 'stock', key: 'stockAdjust.nav' },
  },
  {
    path: '/stock/movements',
    route: 'GET /api/v1/stock-movements',
    element: <MovementsPage />,
    nav: { group: 'stock', key: 'stockMovements.nav' },
  },
  {
    path: '/stock/bins',
    route: 'GET /api/v1/bins/{id}/contents',
    element: <BinsPage />,
    nav: { group: 'stock', key: 'binContents.nav' },
  },
  {
    path: '/stock/reservations',
    route: 'GET /api/v1/reservations',
    element: <ReservationsPage />,
    nav: { group: 'stock', key: 'stockReservations.nav' },
  },
];
