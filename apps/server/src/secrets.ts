// Keeps provider keys and the server token out of everything that leaves the process: logs, responses, events.
// The scrubbing itself is the engine's (`secretScrubber`), so that events are scrubbed the same way before they
// are sealed; this module builds the server's scrubber from its list of secrets and applies it elsewhere.
import { type Scrubber, scrubValue, secretScrubber } from '@baton/engine';

/** One scrubber per list of secrets (the server has one list, made at start). */
const scrubbers = new WeakMap<readonly string[], Scrubber | null>();

/** The scrubber of these secrets, handed to the engine for every run; null when there is nothing to scrub. */
export function createScrubber(secrets: readonly string[]): Scrubber | null {
  let scrubber = scrubbers.get(secrets);
  if (scrubber === undefined) {
    scrubber = secretScrubber(secrets);
    scrubbers.set(secrets, scrubber);
  }
  return scrubber;
}

export function scrubText(text: string, secrets: readonly string[]): string {
  const scrubber = createScrubber(secrets);
  return scrubber ? scrubber.scrub(text) : text;
}

/** A copy of a JSON value with every secret replaced in its strings (keys included); `changed` says if any was. */
export function scrubJson<T>(value: T, secrets: readonly string[]): { value: T; changed: boolean } {
  const scrubber = createScrubber(secrets);
  if (!scrubber) return { value, changed: false };
  const scrubbed = scrubValue(value, scrubber);
  return { value: scrubbed, changed: scrubbed !== value };
}
