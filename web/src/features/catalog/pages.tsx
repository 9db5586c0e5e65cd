import type { PageEntry } from '../../page-entry';
import { ProductDetailPage } from './product-detail-page';
import { ProductsPage } from './products-page';

export const catalogPages: PageEntry[] = [
  {
    path: '/products',
    route: 'GET /api/v1/products',
    element: <ProductsPage />,
    nav: { group: 'catalog', key: 'nav.products' },
  },
  {
    path: '/products/:id',
    route: 'GET /api/v1/products/{id}',
    element: <ProductDetailPage />,
  },
];
