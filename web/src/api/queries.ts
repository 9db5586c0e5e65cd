import { queryOptions, useQuery } from '@tanstack/react-query';
import { barcodeCandidates } from '../lib/gs1';
import { api, type ResponseOf, unwrap } from './client';

export type Product = ResponseOf<'/api/v1/products', 'get'>['items'][number];
export type Warehouse = ResponseOf<'/api/v1/warehouses', 'get'>['items'][number];
export type Bin = ResponseOf<'/api/v1/warehouses/{id}/bins', 'get'>['items'][number];

/** Active warehouses (the pickers' choices). */
export function useWarehouses() {
  return useQuery({
    queryKey: ['warehouses'],
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/warehouses', { params: { query: { page_size: 100 } } })),
  });
}

/** The bins of one warehouse (the first 100; with `search`, those whose code contains it). */
export function useBins(warehouseId: string | undefined, search = '') {
  return useQuery({
    queryKey: ['bins', warehouseId, search],
    enabled: Boolean(warehouseId),
    // While a new search loads, the last one's choices stay (same warehouse only).
    placeholderData: (previous, previousQuery) =>
      previousQuery?.queryKey[1] === warehouseId ? previous : undefined,
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/warehouses/{id}/bins', {
          params: {
            path: { id: warehouseId ?? '' },
            query: { page_size: 100, ...(search ? { search } : {}) },
          },
        }),
      ),
  });
}

/** The query of one bin by id (its code and warehouse, shown by many pages). */
export function binQuery(id: string) {
  return queryOptions({
    queryKey: ['bin', id],
    queryFn: async (): Promise<Bin> =>
      unwrap(await api.GET('/api/v1/bins/{id}', { params: { path: { id } } })),
  });
}

/** One bin by id, wherever it lies in its warehouse's list (none without an id). */
export function useBin(id: string | undefined) {
  return useQuery({ ...binQuery(id ?? ''), enabled: Boolean(id) });
}

/**
 * The product a scanned or typed code names: its barcode (EAN/UPC, or the GTIN of a GS1 string in
 * any of its padded forms) or its SKU; the server's search matches both exactly.
 */
export async function findProductByCode(code: string): Promise<Product | null> {
  for (const candidate of barcodeCandidates(code)) {
    const page = unwrap(await api.GET('/api/v1/products', { params: { query: { search: candidate } } }));
    const exact = page.items.find(
      (p) => p.barcode === candidate || p.sku.toLowerCase() === candidate.toLowerCase(),
    );
    if (exact) return exact;
  }
  return null;
}
