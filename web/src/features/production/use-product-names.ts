import { useQueries } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';

/** `SKU · name` of each product id (work orders carry ids only), fetched once per product. */
export function useProductLabels(ids: string[]): Map<string, string> {
  const unique = [...new Set(ids)];
  const results = useQueries({
    queries: unique.map((id) => ({
      queryKey: ['product', id],
      staleTime: 60_000,
      queryFn: async () => unwrap(await api.GET('/api/v1/products/{id}', { params: { path: { id } } })),
    })),
  });
  return new Map(
    results.flatMap((result) =>
      result.data ? [[result.data.id, `${result.data.sku} · ${result.data.name}`]] : [],
    ),
  );
}
