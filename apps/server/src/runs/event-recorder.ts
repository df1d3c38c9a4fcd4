// Stores one run's events in order, write-behind: what the engine emits within one tick is committed in one
// transaction, and the watchers are woken after the commit.
//
// The engine does not wait for the disk (LangGraph's default "async" durability does not either): an event is
// queued and the engine goes on; the queue is committed on the next turn of the event loop, in order. Watchers
// still only ever read stored events, a full queue makes the engine wait, and a crash loses at most the events
// of the last tick (the run is then marked interrupted at the next start, like any run a crash cut short).
//
// Events arrive sealed and already scrubbed of secrets (the engine scrubs before it seals, with the scrubber the
// run manager hands it): they are stored exactly as sealed, so that every digest verifies.
import type { RunEvent } from '@baton/contracts';
import type { RunNotifier, RunStore } from '../store/types';
import type { EventSinks } from './event-sinks';

/** Past this many queued events the engine waits until they are stored (a run emitting without a pause). */
const MAX_QUEUED = 256;

export interface EventRecorderDeps {
  runs: RunStore;
  notifier: RunNotifier;
  /** The consumers after the store: each commit is handed to them once it is committed, never before. */
  sinks?: EventSinks;
}

export class RunEventRecorder {
  private queued: RunEvent[] = [];
  private scheduled = false;
  private writing: Promise<void> = Promise.resolve();
  private failure: { error: unknown } | null = null;

  /** `onFailure` is told once, at the first failed commit (the run should stop: nothing after it can be stored). */
  constructor(
    private readonly deps: EventRecorderDeps,
    private readonly onFailure: (error: unknown) => void = () => {},
  ) {}

  /** True once a commit has failed (and `onFailure` was told). */
  get failed(): boolean {
    return this.failure !== null;
  }

  /**
   * Queues a sealed event. Returns a promise only when the queue is full: wait for it before the
   * next event. Throws once a commit has failed.
   */
  record(event: RunEvent): Promise<void> | undefined {
    if (this.failure) throw this.failure.error;
    this.queued.push(event);
    if (this.queued.length >= MAX_QUEUED) return this.flush();
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(this.flushQueued);
    }
    return undefined;
  }

  /** Commits everything queued so far; rejects if any commit of this run failed. */
  flush(): Promise<void> {
    if (this.queued.length > 0) {
      const events = this.queued;
      this.queued = [];
      this.writing = this.writing.then(() => this.commit(events));
    }
    return this.writing.then(() => {
      if (this.failure) throw this.failure.error;
    });
  }

  private readonly flushQueued = (): void => {
    this.scheduled = false;
    // A failure is kept in `failure`, thrown by the next record and flush, and already told to `onFailure`.
    this.flush().catch(() => {});
  };

  private async commit(events: RunEvent[]): Promise<void> {
    if (this.failure) return;
    try {
      await this.deps.runs.appendEvents(events);
    } catch (error) {
      this.failure = { error };
      this.onFailure(error);
      return;
    }
    this.deps.notifier.notify(events[0]!.runId, events.at(-1)!.seq);
    this.deps.sinks?.deliver(events);
  }
}
