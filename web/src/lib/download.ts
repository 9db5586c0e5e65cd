import { ApiFailure, asApiError } from '../api/client';

/**
 * Saves what an openapi-fetch call with `parseAs: 'blob'` answered as a file, named as the API's
 * Content-Disposition says (else `fallback`); a refusal throws the API's error like `unwrap`.
 */
export function saveDownload(
  result: { data?: unknown; error?: unknown; response: Response },
  fallback: string,
): void {
  if (!result.response.ok) throw new ApiFailure(result.response.status, asApiError(result.error));
  const name =
    /filename="?([^";]+)"?/.exec(result.response.headers.get('content-disposition') ?? '')?.[1] ?? fallback;
  const link = document.createElement('a');
  link.href = URL.createObjectURL(result.data as Blob);
  link.download = name;
  link.click();
  URL.revokeObjectURL(link.href);
}
