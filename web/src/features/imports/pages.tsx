import { lazyPage, type PageEntry } from '../../page-entry';

const ImportsPage = lazyPage(() => import('./imports-page'), 'ImportsPage');

export const importPages: PageEntry[] = [
  {
    path: '/imports',
    route: 'GET /api/v1/imports',
    element: <ImportsPage />,
    nav: { group: 'admin', key: 'imports.nav' },
  },
];
