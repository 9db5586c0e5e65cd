import { type Static, type TSchema, Type } from 'typebox';

export const MAX_PAGE_SIZE = 100;
/** The deepest offset a list answers (page × page_size, or skip): far past any real list, within bigint. */
export const MAX_OFFSET = 1_000_000_000;

/**
 * Two ways to ask for a slice of a list, seed 003's `skip`/`limit` next to `page`/`page_size`.
 * The rule: when `skip` or `limit` is given, they decide and `page` is ignored: the slice starts
 * after `skip` items (default 0) and holds `limit` items (default `page_size`, itself default 20).
 * `limit` has `page_size`'s bounds (1–100), `skip` is 0 to MAX_OFFSET. The envelope keeps its
 * shape either way and describes the slice in page terms: `page_size` is the size used (the
 * limit), `page` the page its first item falls on at that size (skip ÷ limit + 1, rounded down),
 * `pages` the page count at that size.
 */
export const PageQuery = Type.Object({
  page: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: MAX_OFFSET / MAX_PAGE_SIZE,
      default: 1,
      description: 'Page number, from 1. Ignored when `skip` or `limit` is given',
    }),
  ),
  page_size: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: MAX_PAGE_SIZE,
      default: 20,
      description: 'Items per page. `limit` takes its place when given',
    }),
  ),
  skip: Type.Optional(
    Type.Integer({
      minimum: 0,
      maximum: MAX_OFFSET,
      description: 'Items to skip; with `skip` or `limit`, `page` is ignored (default 0)',
    }),
  ),
  limit: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: MAX_PAGE_SIZE,
      description: 'Items to return, instead of `page_size` (same bounds)',
    }),
  ),
});
export type PageQuery = Static<typeof PageQuery>;

export interface PageRequest {
  page: number;
  pageSize: number;
  offset: number;
}

/** Normalizes either paging style to page + size + offset (the rule above PageQuery). */
export function pageRequest(query: PageQuery): PageRequest {
  if (query.skip !== undefined || query.limit !== undefined) {
    const pageSize = query.limit ?? query.page_size ?? 20;
    const offset = query.skip ?? 0;
    return { page: Math.floor(offset / pageSize) + 1, pageSize, offset };
  }
  const page = query.page ?? 1;
  const pageSize = query.page_size ?? 20;
  return { page, pageSize, offset: (page - 1) * pageSize };
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  page_size: number;
  pages: number;
}

export function toPage<T>(items: T[], total: number, request: PageRequest): Page<T> {
  return {
    items,
    total,
    page: request.page,
    page_size: request.pageSize,
    pages: Math.ceil(total / request.pageSize),
  };
}

/** Lists with an estimated total count their matches exactly up to this many. */
export const EXACT_TOTAL_UP_TO = 1_000;

/**
 * A text search finds up to this many matches in one pass and sorts its page from them, so it
 * knows, and answers, their exact count. Beyond, the page is read on its own and the total estimated.
 */
export const SEARCH_EXACT_TOTAL_UP_TO = 5_000;

/** The envelope's fields beside `items` and `total`. */
const pageFields = {
  page: Type.Integer({
    description:
      'The page returned; with `skip`/`limit`, the page its first item falls on (skip ÷ limit + 1)',
  }),
  page_size: Type.Integer({ description: 'Items per page: `page_size`, or `limit` when given' }),
  pages: Type.Integer({ description: 'Pages at this page size' }),
};

/** The list envelope schema for items of the given schema. */
export function PageOf<T extends TSchema>(item: T, example?: Static<T>) {
  return Type.Object(
    {
      items: Type.Array(item),
      total: Type.Integer({ description: 'Items matching the filters, across all pages' }),
      ...pageFields,
    },
    example ? { examples: [{ items: [example], total: 1, page: 1, page_size: 20, pages: 1 }] } : {},
  );
}

/**
 * The envelope of a list whose total is counted exactly up to EXACT_TOTAL_UP_TO matches and estimated
 * beyond (flagged by `total_is_estimate`), so a broad search does not count every row. `exactUpTo`
 * says how many, in words, when a list counts further.
 */
export function EstimatedPageOf<T extends TSchema>(
  item: T,
  example?: Static<T>,
  exactUpTo = EXACT_TOTAL_UP_TO.toLocaleString('en'),
) {
  return Type.Object(
    {
      items: Type.Array(item),
      total: Type.Integer({
        description: `Items matching the filters: exact up to ${exactUpTo}; beyond, the database's estimate`,
      }),
      total_is_estimate: Type.Boolean({
        description: `True when \`total\` is an estimate: more than ${exactUpTo} match`,
      }),
      ...pageFields,
    },
    example
      ? {
          examples: [
            { items: [example], total: 1, total_is_estimate: false, page: 1, page_size: 20, pages: 1 },
          ],
        }
      : {},
  );
}
