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
  const sorted = sortedCopy(value);
  return sorted === UNSORTABLE ? write(value, '') : JSON.stringify(sorted);
}

const UNSORTABLE = Symbol('unsortable');

/**
 * The value with every object rebuilt with its keys in sorted order, for the native `JSON.stringify` to write (a
 * few times faster than writing the text here, with a fraction of the garbage). UNSORTABLE when the native text
 * could differ: a key V8 would enumerate first whatever the insertion order (integer-like, so anything starting
 * with a digit), `__proto__` (assigning it sets the prototype), or a precomputed CanonicalText.
 */
function sortedCopy(value: object): unknown {
  if (Array.isArray(value)) {
    const length = value.length;
    const out: unknown[] = new Array(length);
    for (let i = 0; i < length; i++) {
      const item: unknown = value[i];
      if (item !== null && typeof item === 'object') {
        const copy = sortedCopy(item);
        if (copy === UNSORTABLE) return UNSORTABLE;
        out[i] = copy;
      } else out[i] = item; // undefined, a function or a symbol is written null in an array, as `write` does
    }
    return out;
  }
  if (value instanceof CanonicalText) return UNSORTABLE;
  const record = value as Record<string, unknown>;
  const keys = sortKeys(Object.keys(record));
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const first = key.charCodeAt(0);
    if ((first >= 48 && first <= 57) || key === '__proto__') return UNSORTABLE;
    const member = record[key];
    if (member === undefined || typeof member === 'function') continue;
    if (member !== null && typeof member === 'object') {
      const copy = sortedCopy(member);
      if (copy === UNSORTABLE) return UNSORTABLE;
      out[key] = copy;
    } else out[key] = typeof member === 'symbol' ? null : member; // `write` writes a symbol member as null
  }
  return out;
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
  const keys = sortKeys(Object.keys(record));
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

/**
 * Sorts keys in place in `Array.prototype.sort` order (UTF-16 code units, which `<` compares too). An insertion
 * sort: objects have few keys, often in order already, and the built-in sort costs about 1 µs even for 16.
 */
function sortKeys(keys: string[]): string[] {
  if (keys.length > 32) return keys.sort();
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i]!;
    let j = i - 1;
    while (j >= 0 && keys[j]! > key) {
      keys[j + 1] = keys[j]!;
      j--;
    }
    keys[j + 1] = key;
  }
  return keys;
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
