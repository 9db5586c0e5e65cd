import type { PageEntry } from '../../page-entry';
import { BatchPage } from './batch-page';
import { BatchesPage } from './batches-page';
import { BioflocDashboardPage } from './biofloc-dashboard-page';
import { TanksPage } from './tanks-page';
import { WaterProfilesPage } from './water-profiles-page';

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
