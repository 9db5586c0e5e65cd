import { lazyPage, type PageEntry } from '../../page-entry';

const WarehousesPage = lazyPage(() => import('./warehouses-page'), 'WarehousesPage');

export const locationPages: PageEntry[] = [
  {
    path: '/warehouses',
    route: 'GET /api/v1/warehouses',
    element: <WarehousesPage />,
    nav: { group: 'catalog', key: 'nav.warehouses' },
  },
];
