/**
 * Keyset cursors that carry their position: the sort values of the last row of a page, and the
 * order they belong to. A list whose rows change between pages (a product renamed, deactivated)
 * still continues where the client left off, which a cursor naming only the last row's id would
 * not: the row may have moved.
 */

/** The longest cursor a list accepts: room for a long name, escaped, within a request line. */
export const MAX_CURSOR_LENGTH = 8_192;

/** `position` as a cursor: URL-safe, opaque to clients. */
export function encodeCursor(position: unknown[]): string {
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

/** The position in a cursor, or `undefined` when it is not a cursor `encodeCursor` could write. */
export function decodeCursor(cursor: string): unknown[] | undefined {
  if (cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor)) return undefined;
  try {
    const position: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return Array.isArray(position) ? position : undefined;
  } catch {
    return undefined;
  }
}
