import type { PageEntry } from '../../page-entry';
import { ProductsPage } from './products-page';

export const catalogPages: PageEntry[] = [
  {
    path: '/products',
    route: 'GET /api/v1/products',
    element: <ProductsPage />,
    nav: { group: 'catalog', key: 'nav.products' },
  },
];
