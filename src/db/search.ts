import { type SQL, sql } from 'drizzle-orm';

/** `raktar_search_text(expr)`: lower-cased and accent-free, as the trigram indexes store it. */
export function searchText(expr: SQL): SQL {
  return sql`raktar_search_text(${expr})`;
}

/** A LIKE pattern matching `term` anywhere, with LIKE's wildcards in the term taken literally. */
export function containsPattern(term: string): string {
  return `%${term.trim().replace(/[\\%_]/g, '\\$&')}%`;
}

/** `searchText(expr) LIKE %searchText(term)%`: served by a gin_trgm_ops index on the same expression. */
export function matchesSearch(expr: SQL, term: string): SQL {
  return sql`${searchText(expr)} like raktar_search_text(${containsPattern(term)})`;
}
