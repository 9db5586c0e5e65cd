import type { TFunction } from 'i18next';
import { ApiFailure } from '../api/client';

/** The API's per-field messages (`lines.0.quantity` → text), already in the user's language. */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  if (!(error instanceof ApiFailure)) return result;
  for (const { field, message } of error.body.errors ?? []) result[field] ??= message;
  return result;
}

/** One line for the form as a whole: a stale version asks for a reload; otherwise the API's text. */
export function formErrorOf(error: unknown, t: TFunction): string | null {
  if (!error) return null;
  if (error instanceof ApiFailure) {
    if (error.status === 412) return t('errors.stale');
    return error.body.detail;
  }
  return t('errors.network');
}
