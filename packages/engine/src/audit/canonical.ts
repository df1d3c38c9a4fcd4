// Canonical JSON and input hashes: equal logical inputs give equal text and equal hashes in any run.
import { createHash } from 'node:crypto';

// TEMPORARY copy until @baton/contracts exports canonicalJson (engineer A); then this re-exports it.
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

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** sha256 of the canonical JSON of an action's logical inputs (model, instructions, task, payloads), before wrapping. */
export function inputHash(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}
