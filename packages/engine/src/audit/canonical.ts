// Canonical JSON and input hashes: equal logical inputs give equal text and equal hashes in any run.
import { hash } from 'node:crypto';
import { canonicalJson } from '@baton/contracts';

export { canonicalJson };

/** sha256 (hex) of the text's UTF-8 bytes; the one-shot `hash` skips the Hash object a stream would need. */
export function sha256Hex(text: string): string {
  return hash('sha256', text, 'hex');
}

/** sha256 of the canonical JSON of an action's logical inputs (model, instructions, task, payloads), before wrapping. */
export function inputHash(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}
