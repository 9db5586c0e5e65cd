import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router';
import { useAuth } from '../lib/auth';
import { cn } from '../lib/utils';
import { LanguageSwitch } from './language-switch';
import { Button } from './ui/button';

/** Each entry shows only to users whose role and module grants allow its route. */
const NAV = [
  { to: '/', key: 'nav.dashboard', route: 'GET /api/v1/reports/dashboard' },
  { to: '/stock/receive', key: 'nav.receive', route: 'POST /api/v1/inventory/receipts' },
  { to: '/stock/issue', key: 'nav.issue', route: 'POST /api/v1/inventory/issues' },
  { to: '/stock/transfers', key: 'nav.transfers', route: 'GET /api/v1/stock-transfers' },
  { to: '/purchase-orders', key: 'nav.purchasing', route: 'GET /api/v1/purchase-orders' },
  { to: '/products', key: 'nav.products', route: 'GET /api/v1/products' },
  { to: '/warehouses', key: 'nav.warehouses', route: 'GET /api/v1/warehouses' },
  { to: '/dispatch', key: 'nav.dispatch', route: 'GET /api/v1/dispatches' },
  { to: '/biofloc', key: 'nav.biofloc', route: 'GET /api/v1/biofloc/tanks' },
  { to: '/reports', key: 'nav.reports', route: 'GET /api/v1/reports/stock-on-hand' },
  { to: '/admin/users', key: 'nav.users', route: 'POST /api/v1/users' },
] as const;

export function Layout() {
  const { t } = useTranslation();
  const { me, can, signOut } = useAuth();
  return (
    <div className="min-h-screen">
      <header className="bg-primary text-primary-foreground">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-2">
          <span className="text-lg font-bold">Raktar</span>
          <nav
            aria-label={t('nav.main')}
            className="order-3 w-full overflow-x-auto md:order-none md:w-auto md:flex-1"
          >
            <ul className="flex gap-1">
              {NAV.filter((item) => can(item.route)).map((item) => (
                <li key={item.to}>
                  <NavLink
                    to={item.to}
                    end={item.to === '/'}
                    className={({ isActive }) =>
                      cn(
                        'block whitespace-nowrap rounded px-3 py-2 text-sm hover:bg-white/15 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-white',
                        isActive && 'bg-white/20 font-semibold',
                      )
                    }
                  >
                    {t(item.key)}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
          <div className="ml-auto flex items-center gap-2">
            <LanguageSwitch />
            <NavLink to="/account" className="text-sm underline-offset-4 hover:underline">
              {me?.username}
            </NavLink>
            <Button
              size="sm"
              variant="outline"
              className="border-white/60 bg-transparent text-primary-foreground hover:bg-white/15"
              onClick={() => void signOut()}
            >
              {t('nav.signOut')}
            </Button>
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-7xl p-4">
        <Outlet />
      </main>
    </div>
  );
}
