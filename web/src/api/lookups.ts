import { useQueries } from '@tanstack/react-query';
import { binQuery } from './queries';

// A record's code never changes under a page that shows it: fetched once per session.
const FOREVER = { staleTime: Number.POSITIVE_INFINITY };

function distinct(ids: readonly (string | null | undefined)[]): string[] {
  return [...new Set(ids.filter((id): id is string => Boolean(id)))];
}

/** The code of each bin id in `ids`. */
export function useBinCodes(ids: readonly string[]) {
  const results = useQueries({
    queries: distinct(ids).map((id) => ({ ...FOREVER, ...binQuery(id) })),
  });
  return (id: string) => results.find((r) => r.data?.id === id)?.data?.code ?? '…';
}
