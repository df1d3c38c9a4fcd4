// A provider that can be drained for a graceful stop: calls in flight finish, new ones are never sent.
import type { ModelProvider } from './engine-port';

export interface DrainableProvider extends ModelProvider {
  /** Calls sent and not yet answered. */
  readonly inFlight: number;
  /** From now on no call is sent (a new one waits until its run is aborted); resolves when none is in flight. */
  drain(): Promise<void>;
}

export function drainableProvider(inner: ModelProvider): DrainableProvider {
  let inFlight = 0;
  let draining = false;
  const idle = new Set<() => void>();
  return {
    version: inner.version,
    info: inner.info,
    get inFlight() {
      return inFlight;
    },
    async complete(request) {
      if (draining) {
        // Held, not refused: a refusal would fail the step and the run; the stopping process aborts it unrecorded.
        return new Promise((_resolve, reject) => {
          if (request.signal.aborted) return reject(request.signal.reason);
          request.signal.addEventListener('abort', () => reject(request.signal.reason), { once: true });
        });
      }
      inFlight += 1;
      try {
        return await inner.complete(request);
      } finally {
        inFlight -= 1;
        if (inFlight === 0) for (const wake of [...idle]) wake();
      }
    },
    drain() {
      draining = true;
      if (inFlight === 0) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const wake = () => {
          idle.delete(wake);
          resolve();
        };
        idle.add(wake);
      });
    },
  };
}
