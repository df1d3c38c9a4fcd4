// Canonical JSON (object keys sorted, no whitespace): equal values give equal text, for cache keys and hashes.

/**
 * A value's canonical text, computed once with `canonicalText` so that a large value hashed as part of several
 * inputs (a synthesis's thousand results, say) is serialised once. `canonicalJson` writes the text as is, so an
 * input holding it hashes exactly like one holding the value itself.
 */
export class CanonicalText {
  constructor(readonly json: string) {}
}

/** The value's canonical text, to put in place of the value in inputs that are only ever canonicalised. */
export function canonicalText(value: unknown): CanonicalText {
  return new CanonicalText(canonicalJson(value));
}

/**
 * Serialises a JSON value with every object's keys in `Array.prototype.sort` order (UTF-16 code units) and no
 * whitespace, so two values that are equal as JSON give the same text whatever order their keys were written
 * in. `undefined` members are left out, as `JSON.stringify` does; non-finite numbers become `null`.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return scalar(value ?? null);
  return write(value as object, '');
}

// One pass appending to one string (V8 builds it as a rope): no per-object arrays, no joins.
function write(value: object, out: string): string {
  if (Array.isArray(value)) {
    const length = value.length;
    if (length === 0) return `${out}[]`;
    out += '[';
    for (let i = 0; i < length; i++) {
      if (i > 0) out += ',';
      const item: unknown = value[i];
      out = item !== null && typeof item === 'object' ? write(item, out) : out + scalar(item ?? null);
    }
    return `${out}]`;
  }
  if (value instanceof CanonicalText) return out + value.json;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  // Keys written in order already (the common case for objects built by code) need no sort.
  for (let i = 1; i < keys.length; i++) {
    if (keys[i - 1]! > keys[i]!) {
      keys.sort();
      break;
    }
  }
  out += '{';
  let first = true;
  for (const key of keys) {
    const member = record[key];
    if (member === undefined || typeof member === 'function') continue;
    out += first ? quotedKey(key) : `,${quotedKey(key)}`;
    first = false;
    out = member !== null && typeof member === 'object' ? write(member, `${out}:`) : `${out}:${scalar(member)}`;
  }
  return `${out}}`;
}

// Object keys repeat (every event has the same few dozen): quote each once. Bounded, so odd keys cannot grow it.
const QUOTED_KEYS = new Map<string, string>();
const MAX_QUOTED_KEYS = 4096;

function quotedKey(key: string): string {
  let quoted = QUOTED_KEYS.get(key);
  if (quoted === undefined) {
    quoted = JSON.stringify(key);
    if (QUOTED_KEYS.size < MAX_QUOTED_KEYS && key.length <= 64) QUOTED_KEYS.set(key, quoted);
  }
  return quoted;
}

/** A non-object value as `JSON.stringify` writes it (which throws on a bigint, as before). */
function scalar(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      // String(n) is JSON's number text for every finite number (and '0' for -0, as JSON.stringify gives).
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    default:
      // null; a bigint throws, as in JSON.stringify; a symbol or function (not JSON) is written as null.
      return JSON.stringify(value) ?? 'null';
  }
}
