import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext, useEffect, useSyncExternalStore } from 'react';
import { ROUTE_ACCESS } from '../api/access.gen';
import { api, onTokensChange, type ResponseOf, tokenStore, unwrap } from '../api/client';

type Me = ResponseOf<'/api/v1/auth/me', 'get'>;

interface Auth {
  me: Me | null;
  loading: boolean;
  /** Whether the signed-in user may call `METHOD /api/v1/path` (the route's declared roles and module). */
  can: (route: string) => boolean;
  signIn: (pair: ResponseOf<'/api/v1/auth/login-json', 'post'>) => void;
  signOut: () => Promise<void>;
}

const AuthContext = createContext<Auth | null>(null);

function subscribe(listener: () => void) {
  return onTokensChange(listener);
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const tokens = useSyncExternalStore(subscribe, () => localStorage.getItem('raktar.tokens'));
  const me = useQuery({
    queryKey: ['me', tokens !== null],
    enabled: tokens !== null,
    queryFn: async () => unwrap(await api.GET('/api/v1/auth/me')),
    retry: false,
    staleTime: 60_000,
  });
  // A refresh that failed for good leaves no tokens: the user signs in again.
  useEffect(() => {
    if (me.isError) tokenStore.set(null);
  }, [me.isError]);

  const user = tokens ? (me.data ?? null) : null;
  const auth: Auth = {
    me: user,
    loading: tokens !== null && me.isPending,
    can(route) {
      if (!user) return false;
      const rule = ROUTE_ACCESS[route];
      if (!rule) return false;
      if ('public' in rule || user.role === 'admin') return true;
      if (!rule.roles.includes(user.role)) return false;
      // The modules /auth/me lists are granted and switched on.
      return !rule.module || user.modules.includes(rule.module);
    },
    signIn(pair) {
      tokenStore.set({ access_token: pair.access_token, refresh_token: pair.refresh_token });
    },
    async signOut() {
      const current = tokenStore.get();
      if (current) await api.POST('/api/v1/auth/logout', { body: { refresh_token: current.refresh_token } });
      tokenStore.set(null);
      queryClient.clear();
    },
  };
  return <AuthContext.Provider value={auth}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside AuthProvider');
  return auth;
}
