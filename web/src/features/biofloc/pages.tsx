import { lazyPage, type PageEntry } from '../../page-entry';

const BatchPage = lazyPage(() => import('./batch-page'), 'BatchPage');
const BatchesPage = lazyPage(() => import('./batches-page'), 'BatchesPage');
const BioflocDashboardPage = lazyPage(() => import('./biofloc-dashboard-page'), 'BioflocDashboardPage');
const TanksPage = lazyPage(() => import('./tanks-page'), 'TanksPage');
const WaterProfilesPage = lazyPage(() => import('./water-profiles-page'), 'WaterProfilesPage');

export const bioflocPages: PageEntry[] = [
  {
    path: '/biofloc',
    route: 'GET /api/v1/biofloc/tanks',
    element: <TanksPage />,
    nav: { group: 'field', key: 'nav.biofloc' },
  },
  {
    path: '/biofloc/batches',
    route: 'GET /api/v1/biofloc/batches',
    element: <BatchesPage />,
    nav: { group: 'field', key: 'farm.nav.batches' },
  },
  { path: '/biofloc/batches/:id', route: 'GET /api/v1/biofloc/batches/{id}', element: <BatchPage /> },
  {
    path: '/biofloc/water-profiles',
    route: 'GET /api/v1/biofloc/water-quality-profiles',
    element: <WaterProfilesPage />,
    nav: { group: 'field', key: 'farm.nav.profiles' },
  },
  {
    path: '/biofloc/dashboard',
    route: 'GET /api/v1/biofloc/dashboard',
    element: <BioflocDashboardPage />,
    nav: { group: 'field', key: 'farm.nav.dashboard' },
  },
];
