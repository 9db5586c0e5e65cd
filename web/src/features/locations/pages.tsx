import type { PageEntry } from '../../page-entry';
import { WarehousesPage } from './warehouses-page';

export const locationPages: PageEntry[] = [
  {
    path: '/warehouses',
    route: 'GET /api/v1/warehouses',
    element: <WarehousesPage />,
    nav: { group: 'catalog', key: 'nav.warehouses' },
  },
];
