// When a run is `waiting`: escalations are pending and no model call is in flight. Waiting time is off the clock.
import type { BudgetMeter } from './budget';

export class WaitTracker {
  private inflight = 0;
  private readonly pending = new Set<string>();
  private reported = false;

  constructor(
    private readonly meter: BudgetMeter,
    private readonly report: (escalationIds: string[]) => void,
  ) {}

  callStarted(): void {
    this.inflight += 1;
  }

  callEnded(): void {
    this.inflight -= 1;
    this.check();
  }

  opened(escalationId: string): void {
    this.pending.add(escalationId);
    this.check();
  }

  closed(escalationId: string): void {
    this.pending.delete(escalationId);
    if (this.pending.size === 0 && this.reported) {
      this.reported = false;
      this.meter.stopWaiting();
    }
  }

  /** Checked once the current burst of work has settled, so a branch about to call a model is not missed. */
  private check(): void {
    if (this.pending.size === 0 || this.reported) return;
    setImmediate(() => {
      if (this.pending.size === 0 || this.reported || this.inflight > 0) return;
      this.reported = true;
      this.meter.startWaiting();
      this.report([...this.pending]);
    });
  }
}
