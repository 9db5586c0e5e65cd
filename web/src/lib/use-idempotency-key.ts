import { useCallback, useState } from 'react';

/**
 * One Idempotency-Key per form submission: kept until the post succeeds, so a double click or a
 * resend after a lost answer posts once; renewed for the next document.
 */
export function useIdempotencyKey(): [string, () => void] {
  const [key, setKey] = useState(() => crypto.randomUUID());
  return [key, useCallback(() => setKey(crypto.randomUUID()), [])];
}
