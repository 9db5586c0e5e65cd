import { lazyPage, type PageEntry } from '../../page-entry';
// Generic over its record kind, which a lazy component would lose; it is small and chart-free.
import { MasterDataPage } from './master-data';
import { categoryKind, customerKind, supplierKind, unitKind } from './master-data-kinds';

const ProductDetailPage = lazyPage(() => import('./product-detail-page'), 'ProductDetailPage');
const ProductsPage = lazyPage(() => import('./products-page'), 'ProductsPage');

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
  {
    path: '/categories',
    route: 'GET /api/v1/categories',
    element: <MasterDataPage key="categories" config={categoryKind} />,
    nav: { group: 'catalog', key: 'masterData.categories.nav' },
  },
  {
    path: '/units',
    route: 'GET /api/v1/units',
    element: <MasterDataPage key="units" config={unitKind} />,
    nav: { group: 'catalog', key: 'masterData.units.nav' },
  },
  {
    path: '/suppliers',
    route: 'GET /api/v1/suppliers',
    element: <MasterDataPage key="suppliers" config={supplierKind} />,
    nav: { group: 'catalog', key: 'masterData.suppliers.nav' },
  },
  {
    path: '/customers',
    route: 'GET /api/v1/customers',
    element: <MasterDataPage key="customers" config={customerKind} />,
    nav: { group: 'catalog', key: 'masterData.customers.nav' },
  },
];
