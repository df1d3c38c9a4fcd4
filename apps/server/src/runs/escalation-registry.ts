// Escalations waiting for a person: the engine's handler parks a promise here, the decision route settles it.
import type { HandoffContract } from '@baton/contracts';
import type { EscalationRequest, EscalationResolution } from './engine-port';

interface Pending {
  runId: string;
  contract: HandoffContract;
  resolve(resolution: EscalationResolution): void;
}

export class EscalationRegistry {
  private readonly pending = new Map<string, Pending>();
  /** Decided escalation id -> run id, while the run goes on; after it the stored events answer. */
  private readonly decided = new Map<string, string>();
  private readonly registered = new Map<string, Set<() => void>>();

  /** The engine's EscalationHandler: resolves when a person decides, rejects when the run is aborted. */
  wait(request: EscalationRequest, signal: AbortSignal): Promise<EscalationResolution> {
    return new Promise((resolve, reject) => {
      if (signal.aborted) return reject(signal.reason);
      const onAbort = () => {
        this.pending.delete(request.escalationId);
        reject(signal.reason);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.pending.set(request.escalationId, {
        runId: request.runId,
        contract: request.contract,
        resolve: (resolution) => {
          signal.removeEventListener('abort', onAbort);
          resolve(resolution);
        },
      });
      for (const wake of this.registered.get(request.escalationId) ?? []) wake();
    });
  }

  get(runId: string, escalationId: string): Pending | undefined {
    const entry = this.pending.get(escalationId);
    return entry?.runId === runId ? entry : undefined;
  }

  wasDecided(escalationId: string): boolean {
    return this.decided.has(escalationId);
  }

  /** Settles a pending escalation once; the caller has checked the decision. */
  settle(escalationId: string, resolution: EscalationResolution): void {
    const entry = this.pending.get(escalationId);
    if (!entry) return;
    this.pending.delete(escalationId);
    this.decided.set(escalationId, entry.runId);
    entry.resolve(resolution);
  }

  /** Drops what is kept about a run that ended. */
  forgetRun(runId: string): void {
    for (const [escalationId, owner] of this.decided) if (owner === runId) this.decided.delete(escalationId);
    for (const [escalationId, entry] of this.pending) if (entry.runId === runId) this.pending.delete(escalationId);
  }

  /** Waits until the engine has parked this escalation (its event can be stored a moment before), or the time is up. */
  async waitForRegistration(runId: string, escalationId: string, timeoutMs: number): Promise<Pending | undefined> {
    if (this.get(runId, escalationId)) return this.get(runId, escalationId);
    await new Promise<void>((resolve) => {
      const wakers = this.registered.get(escalationId) ?? new Set<() => void>();
      this.registered.set(escalationId, wakers);
      const done = () => {
        clearTimeout(timer);
        wakers.delete(done);
        if (wakers.size === 0) this.registered.delete(escalationId);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      wakers.add(done);
    });
    return this.get(runId, escalationId);
  }
}
