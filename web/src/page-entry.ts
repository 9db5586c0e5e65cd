import type { ReactElement } from 'react';

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
