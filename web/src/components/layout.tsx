import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useLocation } from 'react-router';
import { useAuth } from '../lib/auth';
import { cn } from '../lib/utils';
import { NAV_GROUPS } from '../page-entry';
import { PAGES } from '../pages';
import { LanguageSwitch } from './language-switch';
import { Button } from './ui/button';

const DASHBOARD = { to: '/', key: 'nav.dashboard', route: 'GET /api/v1/reports/dashboard' };

function NavItem({ to, label, onPick }: { to: string; label: string; onPick: () => void }) {
  return (
    <li>
      <NavLink
        to={to}
        // A menu entry is one page: /biofloc is not lit up on /biofloc/batches.
        end
        onClick={onPick}
        className={({ isActive }) =>
          cn(
            'block rounded px-3 py-1.5 text-sm hover:bg-muted focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring',
            isActive && 'bg-muted font-semibold text-primary',
          )
        }
      >
        {label}
      </NavLink>
    </li>
  );
}

/**
 * The menu, grouped by what the work is, in a column beside the page on a wide screen and behind
 * a Menu button on a phone. Each entry shows only to users whose role and modules allow its route.
 */
function MainNav({ open, onPick }: { open: boolean; onPick: () => void }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const groups = NAV_GROUPS.map((group) => ({
    group,
    items: PAGES.filter((page) => page.nav?.group === group && can(page.route)),
  })).filter((entry) => entry.items.length > 0);
  return (
    <nav
      id="main-nav"
      aria-label={t('nav.main')}
      className={cn(
        'w-full shrink-0 border-b bg-background p-2 lg:block lg:w-52 lg:border-r lg:border-b-0',
        !open && 'hidden',
      )}
    >
      {can(DASHBOARD.route) && (
        <ul>
          <NavItem to={DASHBOARD.to} label={t(DASHBOARD.key)} onPick={onPick} />
        </ul>
      )}
      {groups.map(({ group, items }) => (
        <div key={group} className="mt-3">
          <p className="px-3 text-xs font-semibold tracking-wide text-muted-foreground uppercase">
            {t(`nav.groups.${group}`)}
          </p>
          <ul>
            {items.map((page) => (
              <NavItem key={page.path} to={page.path} label={t(page.nav?.key ?? '')} onPick={onPick} />
            ))}
          </ul>
        </div>
      ))}
    </nav>
  );
}

export function Layout() {
  const { t } = useTranslation();
  const { me, signOut } = useAuth();
  const [menuOpen, setMenuOpen] = useState(false);
  const { pathname } = useLocation();
  return (
    <div className="min-h-screen">
      <header className="bg-primary text-primary-foreground">
        <div className="flex flex-wrap items-center gap-x-4 gap-y-2 px-4 py-2">
          <Button
            size="sm"
            variant="outline"
            className="border-white/60 bg-transparent text-primary-foreground hover:bg-white/15 lg:hidden"
            aria-expanded={menuOpen}
            aria-controls="main-nav"
            onClick={() => setMenuOpen((open) => !open)}
          >
            {t('nav.menu')}
          </Button>
          <span className="text-lg font-bold">Raktar</span>
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
      <div className="lg:flex">
        <MainNav open={menuOpen} onPick={() => setMenuOpen(false)} />
        <main className="min-w-0 flex-1 p-4">
          <div className="mx-auto max-w-7xl">
            {/* A boundary per page: while the next page's code loads, the previous page is not
                left on screen to be typed into (a navigation is a transition, which would keep it). */}
            <Suspense key={pathname} fallback={<p>{t('common.loading')}</p>}>
              <Outlet />
            </Suspense>
          </div>
        </main>
      </div>
    </div>
  );
}
