import { lazyPage, type PageEntry } from '../../page-entry';

const AuditLogPage = lazyPage(() => import('./audit-log-page'), 'AuditLogPage');
const ModulesPage = lazyPage(() => import('./modules-page'), 'ModulesPage');
const UsersPage = lazyPage(() => import('./users-page'), 'UsersPage');

export const adminPages: PageEntry[] = [
  {
    path: '/admin/users',
    route: 'POST /api/v1/users',
    element: <UsersPage />,
    nav: { group: 'admin', key: 'nav.users' },
  },
  {
    path: '/admin/modules',
    route: 'PATCH /api/v1/modules/{key}',
    element: <ModulesPage />,
    nav: { group: 'admin', key: 'access.modulesNav' },
  },
  {
    path: '/admin/audit-log',
    route: 'GET /api/v1/audit-log',
    element: <AuditLogPage />,
    nav: { group: 'admin', key: 'audit.nav' },
  },
];
