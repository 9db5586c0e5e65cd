import { lazyPage, type PageEntry } from '../../page-entry';

const DispatchPage = lazyPage(() => import('./dispatch-page'), 'DispatchPage');
const DispatchReportsPage = lazyPage(() => import('./dispatch-reports-page'), 'DispatchReportsPage');
const OutstandingPage = lazyPage(() => import('./outstanding-page'), 'OutstandingPage');
const SamplesPage = lazyPage(() => import('./samples-page'), 'SamplesPage');
const SitesPage = lazyPage(() => import('./sites-page'), 'SitesPage');
const TrayInventoryPage = lazyPage(() => import('./tray-inventory-page'), 'TrayInventoryPage');

export const dispatchPages: PageEntry[] = [
  {
    path: '/dispatch',
    route: 'GET /api/v1/dispatches',
    element: <DispatchPage />,
    nav: { group: 'field', key: 'nav.dispatch' },
  },
  {
    path: '/dispatch/outstanding',
    route: 'GET /api/v1/dispatches/outstanding',
    element: <OutstandingPage />,
    nav: { group: 'field', key: 'trays.nav.outstanding' },
  },
  {
    path: '/dispatch/samples',
    route: 'GET /api/v1/samples',
    element: <SamplesPage />,
    nav: { group: 'field', key: 'trays.nav.samples' },
  },
  {
    path: '/dispatch/sites',
    route: 'GET /api/v1/companies',
    element: <SitesPage />,
    nav: { group: 'field', key: 'trays.nav.sites' },
  },
  {
    path: '/dispatch/inventory',
    route: 'GET /api/v1/dispatch/inventory',
    element: <TrayInventoryPage />,
    nav: { group: 'field', key: 'trays.nav.inventory' },
  },
  {
    path: '/dispatch/reports',
    route: 'GET /api/v1/dispatch/reports/dashboard',
    element: <DispatchReportsPage />,
    nav: { group: 'field', key: 'trays.nav.reports' },
  },
];
