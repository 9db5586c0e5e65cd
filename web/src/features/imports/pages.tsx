import type { PageEntry } from '../../page-entry';
import { ImportsPage } from './imports-page';

export const importPages: PageEntry[] = [
  {
    path: '/imports',
    route: 'GET /api/v1/imports',
    element: <ImportsPage />,
    nav: { group: 'admin', key: 'imports.nav' },
  },
];
