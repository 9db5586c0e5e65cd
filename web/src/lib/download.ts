import { ApiFailure, asApiError } from '../api/client';

/**
 * Saves the file an openapi-fetch call fetched with `parseAs: 'blob'` under the name the server's
 * Content-Disposition gives (else `fallback`); a refusal is thrown as the API's error.
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
