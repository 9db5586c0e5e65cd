import { lazyPage, type PageEntry } from '../../page-entry';

const AdjustPage = lazyPage(() => import('./adjust-page'), 'AdjustPage');
const BinsPage = lazyPage(() => import('./bins-page'), 'BinsPage');
const CountPage = lazyPage(() => import('./count-page'), 'CountPage');
const IssuePage = lazyPage(() => import('./issue-page'), 'IssuePage');
const MovementsPage = lazyPage(() => import('./movements-page'), 'MovementsPage');
const ReceivePage = lazyPage(() => import('./receive-page'), 'ReceivePage');
const ReservationsPage = lazyPage(() => import('./reservations-page'), 'ReservationsPage');
const TransfersPage = lazyPage(() => import('./transfers-page'), 'TransfersPage');

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
