// Keeps provider keys and the server token out of everything that leaves the process: logs, responses, events.
const REDACTED = '[redacted]';

/** Secrets shorter than this are not scrubbed: replacing "a" everywhere would destroy data and protect nothing. */
const MIN_SECRET_LENGTH = 8;

export function scrubText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= MIN_SECRET_LENGTH && out.includes(secret)) out = out.split(secret).join(REDACTED);
  }
  return out;
}

/** Deep copy of a JSON value with every secret replaced in its strings (keys included); `changed` says if any was. */
export function scrubJson<T>(value: T, secrets: readonly string[]): { value: T; changed: boolean } {
  const active = secrets.filter((s) => s.length >= MIN_SECRET_LENGTH);
  if (active.length === 0 || !active.some((s) => JSON.stringify(value).includes(s))) return { value, changed: false };
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return scrubText(v, active);
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object') {
      return Object.fromEntries(Object.entries(v).map(([k, inner]) => [scrubText(k, active), walk(inner)]));
    }
    return v;
  };
  return { value: walk(value) as T, changed: true };
}
