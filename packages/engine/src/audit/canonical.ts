// Canonical JSON and input hashes: equal logical inputs give equal text and equal hashes in any run.
import { createHash } from 'node:crypto';
import { canonicalJson } from '@baton/contracts';

export { canonicalJson };

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** sha256 of the canonical JSON of an action's logical inputs (model, instructions, task, payloads), before wrapping. */
export function inputHash(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}
