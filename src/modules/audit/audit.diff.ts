// Keys naming a secret value (password, token_hash, refresh_token …); `password_changed` is not one.
const SECRET = /(password|token|secret|hash)$/i;

type Json = Record<string, unknown>;

function comparable(value: unknown): string {
  return JSON.stringify(value instanceof Date ? value.toISOString() : value);
}

/**
 * The fields that changed between two snapshots, as `{before, after}` with only those fields;
 * secrets (passwords, tokens, hashes) never appear. A missing side (create/delete) keeps all fields.
 */
export function changedFields(
  before: Json | null,
  after: Json | null,
): { before: Json | null; after: Json | null } {
  const clean = (snapshot: Json | null, keys?: string[]) => {
    if (!snapshot) return null;
    const out: Json = {};
    for (const key of keys ?? Object.keys(snapshot)) {
      if (!SECRET.test(key))
        out[key] = snapshot[key] instanceof Date ? (snapshot[key] as Date).toISOString() : snapshot[key];
    }
    return out;
  };
  if (!before || !after) return { before: clean(before), after: clean(after) };
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
    (key) => comparable(before[key]) !== comparable(after[key]),
  );
  return { before: clean(before, keys), after: clean(after, keys) };
}
