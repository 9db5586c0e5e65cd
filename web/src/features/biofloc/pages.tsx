import type { PageEntry } from '../../page-entry';
import { FeedingPage } from './feeding-page';

export const bioflocPages: PageEntry[] = [
  {
    path: '/biofloc',
    route: 'GET /api/v1/biofloc/tanks',
    element: <FeedingPage />,
    nav: { group: 'field', key: 'nav.biofloc' },
  },
];
