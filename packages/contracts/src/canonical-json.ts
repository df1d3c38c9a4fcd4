// Canonical JSON (object keys sorted, no whitespace): equal values give equal text, for cache keys and hashes.

/**
 * Serialises a JSON value with every object's keys in code-point order and no whitespace, so two values that are
 * equal as JSON give the same text whatever order their keys were written in. `undefined` members are left out,
 * as `JSON.stringify` does; non-finite numbers become `null`.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value))
    return `[${value.map((item) => canonicalJson(item === undefined ? null : item)).join(',')}]`;
  const record = value as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of Object.keys(record).sort()) {
    const member = record[key];
    if (member === undefined || typeof member === 'function') continue;
    parts.push(`${JSON.stringify(key)}:${canonicalJson(member)}`);
  }
  return `{${parts.join(',')}}`;
}
