// Where a run's events go after the store: every consumer other than the store (the OpenTelemetry exporter, a file
// writer...) is an `EventSink`, handed the events of each commit once they are committed, so that a new consumer is
// one file and never a change to the run lifecycle.
//
// The store is the record; a sink is a copy. So a sink never holds a run up: `deliver` only queues, each sink drains
// its own bounded queue in the background, a failed write is retried with backoff, and when the queue is full (a
// sink far slower than the runs, or down) the newest events are dropped and counted in a warning, never waited for.
import type { RunEvent } from '@baton/contracts';
import type { Logger } from '../logger';

export interface EventSink {
  /** For the server log. */
  readonly name: string;
  /** Receives committed events, in commit order; a rejection is retried with the same events. */
  write(events: readonly RunEvent[]): Promise<void>;
}

export interface SinkQueueOptions {
  /** Events a sink may have waiting; past this, new events are dropped (and counted). */
  maxQueued?: number;
  /** Attempts per batch before it is dropped (and counted). */
  maxAttempts?: number;
  /** First retry delay; doubled after each failure, up to `maxBackoffMs`. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** Events handed to one `write`. */
  maxBatch?: number;
}

const DEFAULTS: Required<SinkQueueOptions> = {
  maxQueued: 10_000,
  maxAttempts: 5,
  backoffMs: 200,
  maxBackoffMs: 10_000,
  maxBatch: 512,
};

/** One sink's queue and the loop that drains it. */
class SinkQueue {
  private queue: RunEvent[] = [];
  private pumping: Promise<void> | null = null;
  private overflowed = 0;
  private failedDrops = 0;
  private closed = false;
  private sleeping: { timer: ReturnType<typeof setTimeout>; wake: () => void } | null = null;

  constructor(
    private readonly sink: EventSink,
    private readonly options: Required<SinkQueueOptions>,
    private readonly logger: Logger,
  ) {}

  /** Events dropped so far: because the queue was full, and because their batch failed every attempt. */
  get dropped(): { overflow: number; failed: number } {
    return { overflow: this.overflowed, failed: this.failedDrops };
  }

  get queued(): number {
    return this.queue.length;
  }

  offer(events: readonly RunEvent[]): void {
    if (this.closed) return;
    const room = this.options.maxQueued - this.queue.length;
    if (room < events.length) {
      const lost = events.length - Math.max(room, 0);
      // One warning when a burst of drops begins, then one per thousand: a dead sink must not flood the log.
      if (this.overflowed === 0 || Math.floor((this.overflowed + lost) / 1000) > Math.floor(this.overflowed / 1000)) {
        this.logger.warn(
          `event sink ${this.sink.name}: queue full (${this.options.maxQueued}); ${this.overflowed + lost} event(s) dropped so far`,
        );
      }
      this.overflowed += lost;
    }
    if (room > 0) this.queue.push(...events.slice(0, room));
    if (!this.pumping && this.queue.length > 0) this.pumping = this.pump().finally(() => (this.pumping = null));
  }

  /** Resolves when the queue is empty or `timeoutMs` passed; then stops retrying and takes nothing more. */
  async close(timeoutMs: number): Promise<void> {
    let timeout: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([
      this.idle(),
      new Promise<void>((resolve) => {
        timeout = setTimeout(resolve, timeoutMs);
      }),
    ]);
    clearTimeout(timeout);
    this.closed = true;
    this.sleeping?.wake();
  }

  /** Resolves once everything queued so far has been written or dropped. */
  async idle(): Promise<void> {
    while (this.pumping) await this.pumping;
  }

  private async pump(): Promise<void> {
    while (this.queue.length > 0 && !this.closed) {
      const batch = this.queue.slice(0, this.options.maxBatch);
      let delay = this.options.backoffMs;
      for (let attempt = 1; ; attempt++) {
        try {
          await this.sink.write(batch);
          break;
        } catch (error) {
          if (attempt >= this.options.maxAttempts || this.closed) {
            this.failedDrops += batch.length;
            this.logger.warn(
              `event sink ${this.sink.name}: ${batch.length} event(s) dropped after ${attempt} attempt(s) (${this.failedDrops} so far): ${(error as Error)?.message ?? error}`,
            );
            break;
          }
          await this.sleep(delay);
          delay = Math.min(delay * 2, this.options.maxBackoffMs);
        }
      }
      this.queue.splice(0, batch.length);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.sleeping = null;
        resolve();
      };
      const timer = setTimeout(wake, ms);
      timer.unref?.();
      this.sleeping = { timer, wake };
    });
  }
}

/** Every configured sink but the store, each behind its own queue. */
export class EventSinks {
  private readonly queues: SinkQueue[];

  constructor(sinks: readonly EventSink[], logger: Logger, options: SinkQueueOptions = {}) {
    const settings = { ...DEFAULTS, ...options };
    this.queues = sinks.map((sink) => new SinkQueue(sink, settings, logger));
  }

  /** Hands committed events to every sink; returns at once, whatever the sinks do. */
  deliver(events: readonly RunEvent[]): void {
    for (const queue of this.queues) queue.offer(events);
  }

  /** Per sink, in configuration order: events dropped so far. */
  dropped(): { overflow: number; failed: number }[] {
    return this.queues.map((q) => q.dropped);
  }

  /** Resolves once every sink has written or dropped what it was given (tests, and a clean shutdown). */
  async idle(): Promise<void> {
    await Promise.all(this.queues.map((q) => q.idle()));
  }

  /** Lets each sink finish within `timeoutMs`, then stops them. */
  async close(timeoutMs: number): Promise<void> {
    await Promise.all(this.queues.map((q) => q.close(timeoutMs)));
  }
}
