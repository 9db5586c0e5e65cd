import type { PageEntry } from '../../page-entry';
import { UsersPage } from './users-page';

export const adminPages: PageEntry[] = [
  {
    path: '/admin/users',
    route: 'POST /api/v1/users',
    element: <UsersPage />,
    nav: { group: 'admin', key: 'nav.users' },
  },
];
