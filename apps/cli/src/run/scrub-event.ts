// An event as the CLI may write it: a configured secret in it is replaced and the event marked redacted, as the
// server's recorder stores it (the chain still verifies; the digest of a redacted event is taken on trust).
import type { RunEvent } from '@baton/contracts';
import type { Output } from '../output';

export function scrubEvent(event: RunEvent, output: Output): RunEvent {
  const scrubbed = output.scrubJson(event);
  return scrubbed.changed ? { ...scrubbed.value, redacted: true } : event;
}
