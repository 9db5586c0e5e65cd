import { adminPages } from './features/admin/pages';
import { bioflocPages } from './features/biofloc/pages';
import { catalogPages } from './features/catalog/pages';
import { dispatchPages } from './features/dispatch/pages';
import { importPages } from './features/imports/pages';
import { locationPages } from './features/locations/pages';
import { productionPages } from './features/production/pages';
import { purchasingPages } from './features/purchasing/pages';
import { reportPages } from './features/reports/pages';
import { salesPages } from './features/sales/pages';
import { stockPages } from './features/stock/pages';
import type { PageEntry } from './page-entry';

/** Every screen behind sign-in; each feature lists its own. */
export const PAGES: PageEntry[] = [
  ...stockPages,
  ...purchasingPages,
  ...salesPages,
  ...productionPages,
  ...catalogPages,
  ...locationPages,
  ...dispatchPages,
  ...bioflocPages,
  ...reportPages,
  ...importPages,
  ...adminPages,
];
