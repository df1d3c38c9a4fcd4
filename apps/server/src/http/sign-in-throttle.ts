// Slows token guessing: after each wrong token from an address, that address waits before its next attempt.
import { TooManyAttemptsError } from './errors';

export interface SignInThrottleOptions {
  /** Milliseconds since the epoch; injected so that tests need no real waits. */
  now: () => number;
  /** The wait after the second wrong token in a row (the first, a typo, costs none); it doubles with each further one. */
  firstDelayMs?: number;
  /** The longest wait. */
  maxDelayMs?: number;
  /** An address whose last wrong token is this old starts afresh. */
  forgetAfterMs?: number;
  /** Addresses remembered at once; beyond it the longest-quiet is forgotten, so memory stays bounded. */
  maxAddresses?: number;
}

interface Failures {
  count: number;
  lastAt: number;
  /** When the address may try again. */
  openAt: number;
}

/**
 * The first wrong token from an address costs nothing (people mistype); the n-th in a row after it makes the
 * address wait min(first * 2^(n-2), max) before its next attempt: 1 s, 2 s, 4 s... up to 30 s by default, so
 * about two guesses a minute at worst. An attempt during the wait is refused without looking at the token, so
 * guesses made then cost nothing and learn nothing; the right token after the wait works and clears the address.
 * The counts live in this process: with several API processes behind one address, each keeps its own (moving them
 * to the shared store is for when there are several).
 */
export class SignInThrottle {
  readonly #now: () => number;
  readonly #first: number;
  readonly #max: number;
  readonly #forgetAfter: number;
  readonly #maxAddresses: number;
  readonly #failures = new Map<string, Failures>();

  constructor(options: SignInThrottleOptions) {
    this.#now = options.now;
    this.#first = options.firstDelayMs ?? 1000;
    this.#max = options.maxDelayMs ?? 30_000;
    this.#forgetAfter = options.forgetAfterMs ?? 15 * 60_000;
    this.#maxAddresses = options.maxAddresses ?? 10_000;
  }

  /** Throws TooManyAttemptsError (429, with the seconds to wait) while `address` must wait. */
  check(address: string): void {
    const failures = this.#current(address);
    const wait = failures ? failures.openAt - this.#now() : 0;
    if (wait > 0) throw new TooManyAttemptsError(Math.ceil(wait / 1000));
  }

  /** Records a wrong token; returns the seconds the address must now wait (0 after the first). */
  failed(address: string): number {
    const now = this.#now();
    const count = (this.#current(address)?.count ?? 0) + 1;
    const delay = count === 1 ? 0 : Math.min(this.#max, this.#first * 2 ** Math.min(count - 2, 30));
    this.#failures.delete(address); // re-inserted last: the Map's order is then the order of last failure
    this.#failures.set(address, { count, lastAt: now, openAt: now + delay });
    if (this.#failures.size > this.#maxAddresses) this.#failures.delete(this.#failures.keys().next().value!);
    return Math.ceil(delay / 1000);
  }

  succeeded(address: string): void {
    this.#failures.delete(address);
  }

  #current(address: string): Failures | undefined {
    const failures = this.#failures.get(address);
    if (failures && this.#now() - failures.lastAt > this.#forgetAfter) {
      this.#failures.delete(address);
      return undefined;
    }
    return failures;
  }
}
