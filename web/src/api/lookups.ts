import { useQueries } from '@tanstack/react-query';
import { api, unwrap } from './client';
import { binQuery } from './queries';

// A record's code never changes under a page that shows it: fetched once per session.
const FOREVER = { staleTime: Number.POSITIVE_INFINITY };

function distinct(ids: readonly (string | null | undefined)[]): string[] {
  return [...new Set(ids.filter((id): id is string => Boolean(id)))];
}

/** SKU and name of each product id in `ids` (rows of reservations hold ids only). */
export function useProductNames(ids: readonly string[]) {
  const results = useQueries({
    queries: distinct(ids).map((id) => ({
      ...FOREVER,
      queryKey: ['product', id],
      queryFn: async () => unwrap(await api.GET('/api/v1/products/{id}', { params: { path: { id } } })),
    })),
  });
  return (id: string) => {
    const product = results.find((r) => r.data?.id === id)?.data;
    return product ? `${product.sku} · ${product.name}` : '…';
  };
}

/** The code of each bin id in `ids`. */
export function useBinCodes(ids: readonly string[]) {
  const results = useQueries({
    queries: distinct(ids).map((id) => ({ ...FOREVER, ...binQuery(id) })),
  });
  return (id: string) => results.find((r) => r.data?.id === id)?.data?.code ?? '…';
}
