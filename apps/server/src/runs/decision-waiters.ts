// The executor's side of escalations: the engine waits here until a person's decision is in the store.
//
// The decision never travels in memory from the route to the engine: the run service stores it and wakes the
// executors, and each re-reads the store for the escalations its runs wait on. So a decision sent to any process,
// or sent while no process held the run, is the one the run goes on with.
import type { RunRequests } from '../store/types';
import type { EscalationRequest, EscalationResolution } from './engine-port';

interface Waiter {
  runId: string;
  escalationId: string;
  resolve(resolution: EscalationResolution): void;
}

export class DecisionWaiters {
  private readonly waiting = new Set<Waiter>();

  constructor(private readonly requests: RunRequests) {}

  /** The engine's EscalationHandler: resolves with the stored decision, rejects when the run is aborted. */
  async wait(request: EscalationRequest, signal: AbortSignal): Promise<EscalationResolution> {
    const stored = await this.requests.decision(request.runId, request.escalationId);
    if (stored) return stored;
    return new Promise((resolve, reject) => {
      if (signal.aborted) return reject(signal.reason);
      const waiter: Waiter = {
        runId: request.runId,
        escalationId: request.escalationId,
        resolve: (resolution) => {
          this.waiting.delete(waiter);
          signal.removeEventListener('abort', onAbort);
          resolve(resolution);
        },
      };
      const onAbort = () => {
        this.waiting.delete(waiter);
        reject(signal.reason);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiting.add(waiter);
    });
  }

  get size(): number {
    return this.waiting.size;
  }

  /** Reads the store for every escalation waited on here; called when the notifier says there is work. */
  async check(): Promise<void> {
    for (const waiter of [...this.waiting]) {
      const stored = await this.requests.decision(waiter.runId, waiter.escalationId);
      if (stored && this.waiting.has(waiter)) waiter.resolve(stored);
    }
  }
}
