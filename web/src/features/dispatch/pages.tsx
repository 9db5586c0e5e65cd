import type { PageEntry } from '../../page-entry';
import { DispatchPage } from './dispatch-page';

export const dispatchPages: PageEntry[] = [
  {
    path: '/dispatch',
    route: 'GET /api/v1/dispatches',
    element: <DispatchPage />,
    nav: { group: 'field', key: 'nav.dispatch' },
  },
];
