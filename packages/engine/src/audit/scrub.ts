// Keeps secrets out of sealed events: the interface a caller hands the engine, the literal-secret scrubber the
// server builds from its configuration, a copy-on-write scrub of JSON values and a scrubber for streamed text.

/** What a secret is replaced with, in events, responses and logs. */
export const REDACTED_TEXT = '[redacted]';

/** Secrets shorter than this are not scrubbed: replacing "a" everywhere would destroy data and protect nothing. */
export const MIN_SECRET_LENGTH = 8;

/**
 * What the engine needs to keep secrets out of what it seals. The engine owns the interface; the caller (the
 * server, from its configuration) provides the secrets.
 */
export interface Scrubber {
  /** The text with every secret in it replaced by `[redacted]`. */
  scrub(text: string): string;
  /**
   * How many characters at the end of `text` could be the beginning of a secret (0 when none): a stream holds
   * them back until the next chunk shows whether they are one. Always less than the longest secret's length.
   */
  partialSecretAtEnd(text: string): number;
}

/** Scrubs the given literal strings (each of at least MIN_SECRET_LENGTH characters); null when none is. */
export function secretScrubber(secrets: readonly string[]): Scrubber | null {
  // Longest first, so that a secret containing another is replaced whole.
  const active = [...new Set(secrets.filter((s) => s.length >= MIN_SECRET_LENGTH))].sort((a, b) => b.length - a.length);
  if (active.length === 0) return null;
  return {
    scrub(text) {
      let out = text;
      for (const secret of active) if (out.includes(secret)) out = out.split(secret).join(REDACTED_TEXT);
      return out;
    },
    partialSecretAtEnd(text) {
      let longest = 0;
      for (const secret of active) {
        for (let k = Math.min(secret.length - 1, text.length); k > longest; k--) {
          if (endsWithStartOf(text, secret, k)) {
            longest = k;
            break;
          }
        }
      }
      return longest;
    },
  };
}

/** True when the last `k` characters of `text` are the first `k` of `secret` (compared in place: no copies). */
function endsWithStartOf(text: string, secret: string, k: number): boolean {
  const offset = text.length - k;
  for (let i = 0; i < k; i++) if (text.charCodeAt(offset + i) !== secret.charCodeAt(i)) return false;
  return true;
}

/**
 * The value with every string in it scrubbed, object keys included. Copy on write: a value with nothing to scrub
 * is returned as it is (the same reference), so the common case costs a walk and no allocation.
 */
export function scrubValue<T>(value: T, scrubber: Scrubber): T {
  return scrubAny(value, scrubber) as T;
}

function scrubAny(value: unknown, scrubber: Scrubber): unknown {
  if (typeof value === 'string') return scrubber.scrub(value);
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | null = null;
    for (let i = 0; i < value.length; i++) {
      const next = scrubAny(value[i], scrubber);
      if (next !== value[i]) copy ??= value.slice();
      if (copy) copy[i] = next;
    }
    return copy ?? value;
  }
  const source = value as Record<string, unknown>;
  const keys = Object.keys(source);
  let changed = false;
  const entries: [string, unknown][] = new Array(keys.length);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const scrubbedKey = scrubber.scrub(key);
    const next = scrubAny(source[key], scrubber);
    if (scrubbedKey !== key || next !== source[key]) changed = true;
    entries[i] = [scrubbedKey, next];
  }
  return changed ? Object.fromEntries(entries) : value;
}

/**
 * Scrubs one text that arrives in chunks (a model's stream), as if it were scrubbed whole: a secret split over
 * chunks is replaced, and no part of it is ever let out. What could still be the start of a secret is held back,
 * so at most (longest secret - 1) characters wait; `end` lets them out once the stream is over.
 */
export class StreamScrubber {
  private held = '';

  constructor(private readonly scrubber: Scrubber) {}

  /** The text that is safe to let out now (possibly empty). */
  push(chunk: string): string {
    // Scrub before deciding what to hold: a secret complete in the buffer goes whole, never half out, half held.
    const buffer = this.scrubber.scrub(this.held + chunk);
    const hold = this.scrubber.partialSecretAtEnd(buffer);
    this.held = hold > 0 ? buffer.slice(buffer.length - hold) : '';
    return hold > 0 ? buffer.slice(0, buffer.length - hold) : buffer;
  }

  /** The stream is over (completed or failed): what was held back cannot become a secret any more. */
  end(): string {
    const rest = this.held;
    this.held = '';
    return rest;
  }

  /** Characters held back now. */
  get pending(): number {
    return this.held.length;
  }
}
