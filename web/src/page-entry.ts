import { type ComponentType, lazy, type ReactElement } from 'react';

/** The sections of the menu, in the order they show. */
export const NAV_GROUPS = ['overview', 'stock', 'orders', 'catalog', 'field', 'reports', 'admin'] as const;
export type NavGroup = (typeof NAV_GROUPS)[number];

/**
 * One screen: its address, the API route whose roles and module grants decide who may open it,
 * and where it sits in the menu (pages reached from another page have no `nav`).
 */
export interface PageEntry {
  path: string;
  route: string;
  element: ReactElement;
  nav?: { group: NavGroup; key: string };
}

/**
 * A page component loaded when first opened: each screen (and what only it uses, such as the
 * charts) is its own chunk, so a scanner handheld opening Receive does not download the reports.
 */
export function lazyPage<K extends string, P extends object>(
  load: () => Promise<Record<K, ComponentType<P>>>,
  name: K,
) {
  return lazy(async () => {
    try {
      const module = await load();
      sessionStorage.removeItem(RELOADED);
      return { default: module[name] };
    } catch (error) {
      // A tab opened before the server was updated asks for chunks the new build no longer has:
      // loading the page again fetches the new build. Once only, so a real outage still shows.
      if (!sessionStorage.getItem(RELOADED)) {
        sessionStorage.setItem(RELOADED, '1');
        globalThis.location.reload();
      }
      throw error;
    }
  });
}

const RELOADED = 'raktar.reloadedForNewBuild';
