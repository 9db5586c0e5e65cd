import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { ApiFailure } from './api/client';
import { Layout } from './components/layout';
import { LoginPage } from './features/auth/login-page';
import { AccountPage, ForgotPasswordPage, ResetPasswordPage } from './features/auth/password-pages';
import { AuthProvider, useAuth } from './lib/auth';
import { lazyPage } from './page-entry';
import { PAGES } from './pages';

const DashboardPage = lazyPage(() => import('./features/dashboard/dashboard-page'), 'DashboardPage');

const queryClient = new QueryClient({
  defaultOptions: {
    // A 4xx will answer the same again; only a failure to reach the API is worth a retry.
    queries: {
      retry: (count, error) => !(error instanceof ApiFailure) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

function RequireAuth({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { me, loading } = useAuth();
  const location = useLocation();
  if (loading) return <p className="p-4">{t('common.loading')}</p>;
  if (!me) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  return children;
}

/** A page the user's role and modules allow, or a note that it is not theirs to see. */
function Allowed({ route, children }: { route: string; children: ReactNode }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  return can(route) ? children : <p role="alert">{t('errors.forbidden')}</p>;
}

/** The dashboard, or for a user without reports the first page they may use. */
function Home() {
  const { can } = useAuth();
  if (can('GET /api/v1/reports/dashboard')) return <DashboardPage />;
  const first = PAGES.find((page) => can(page.route));
  return first ? <Navigate to={first.path} replace /> : <AccountPage />;
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <AuthProvider>
        <BrowserRouter>
          <Routes>
            <Route path="/login" element={<LoginPage />} />
            <Route path="/forgot-password" element={<ForgotPasswordPage />} />
            <Route path="/reset-password" element={<ResetPasswordPage />} />
            <Route
              element={
                <RequireAuth>
                  <Layout />
                </RequireAuth>
              }
            >
              <Route index element={<Home />} />
              {PAGES.map((page) => (
                <Route
                  key={page.path}
                  path={page.path}
                  element={<Allowed route={page.route}>{page.element}</Allowed>}
                />
              ))}
              <Route path="/account" element={<AccountPage />} />
              <Route path="*" element={<Navigate to="/" replace />} />
            </Route>
          </Routes>
        </BrowserRouter>
      </AuthProvider>
    </QueryClientProvider>
  );
}
