import { type Static, type TSchema, Type } from 'typebox';

export const MAX_PAGE_SIZE = 100;
/** The deepest offset a list answers (page × page_size, or skip): far past any real list, within bigint. */
export const MAX_OFFSET = 1_000_000_000;

/** `page`/`page_size`, with seed 003's `skip`/`limit` accepted too. */
export const PageQuery = Type.Object({
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_OFFSET / MAX_PAGE_SIZE, default: 1 })),
  page_size: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 20 })),
  skip: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_OFFSET })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE_SIZE })),
});
export type PageQuery = Static<typeof PageQuery>;

export interface PageRequest {
  page: number;
  pageSize: number;
  offset: number;
}

/** Normalizes either paging style to page + size + offset. */
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

/** The list envelope schema for items of the given schema. */
export function PageOf<T extends TSchema>(item: T, example?: Static<T>) {
  return Type.Object(
    {
      items: Type.Array(item),
      total: Type.Integer(),
      page: Type.Integer(),
      page_size: Type.Integer(),
      pages: Type.Integer(),
    },
    example ? { examples: [{ items: [example], total: 1, page: 1, page_size: 20, pages: 1 }] } : {},
  );
}
