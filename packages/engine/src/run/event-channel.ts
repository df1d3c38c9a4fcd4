// The run's event stream with backpressure: the engine goes on while fewer than QUEUE_LIMIT events wait to be
// pulled; past that, each emit waits until the consumer has pulled its event and asked for the next. Events are
// sealed (seq, digest, chain) in delivery order, as they are pulled, after the run's scrubber has taken the secrets
// out; each action's streamed text goes through its own stream scrubber first, so a secret split over deltas is
// caught too.
import type { RunEvent, RunEventBody } from '@baton/contracts';
import { type Scrubber, StreamScrubber } from '../audit/scrub';
import { sealEvent } from '../audit/seal';

/**
 * How many events may wait to be pulled before the engine waits: the burst of the widest fan-out a graph can
 * draw (1,000 subtasks, about four events each) goes through without waiting; a consumer that stops pulling holds
 * the engine back past this many. (Waiting on every event instead costs a promise and two microtask turns each:
 * about 6% of the wall time of a 1,000-wide fan-out.)
 */
export const QUEUE_LIMIT = 4096;

const DONE = Promise.resolve();

type DeltaRef = { actionId: string; parentActionId: string | null; stepKey: string | null };

interface Pending {
  body: RunEventBody;
  at: number;
  /** Resolved when the consumer asks for the event after this one; absent when nothing waits on the event. */
  ack: (() => void) | undefined;
}

export class EventChannel implements AsyncIterable<RunEvent> {
  private readonly queue: Pending[] = [];
  private head = 0;
  private waiter: ((result: IteratorResult<RunEvent>) => void) | null = null;
  private lastAck: (() => void) | undefined;
  private closed = false;
  private detached = false;
  private iterated = false;
  private seq: number;
  private previousChain: string | null;
  /** The stream scrubber of each action whose deltas are going on (only with a scrubber), by action id. */
  private readonly streams = new Map<string, { ref: DeltaRef; stream: StreamScrubber }>();
  /** Called once the consumer has pulled past the last event or stopped iterating. */
  onDrained: ((detached: boolean) => void) | undefined;

  constructor(
    private readonly runId: string,
    private readonly clock: () => number,
    start: { seq: number; chain: string | null },
    private readonly scrubber: Scrubber | null = null,
  ) {
    this.seq = start.seq;
    this.previousChain = start.chain;
  }

  /**
   * Queues an event. Resolves at once while the queue is short; past QUEUE_LIMIT, once the consumer has taken the
   * event and asked for the next (or stopped listening).
   */
  emit(body: RunEventBody): Promise<void> {
    if (this.detached || this.closed) return DONE;
    // An action's end ends its stream: what the stream scrubber held back goes out before it.
    if ((body.type === 'action.completed' || body.type === 'action.failed') && this.streams.size > 0) {
      this.endStream(body.actionId);
    }
    if (this.queue.length - this.head < QUEUE_LIMIT) {
      this.push({ body, at: this.clock(), ack: undefined });
      return DONE;
    }
    return new Promise<void>((resolve) => this.push({ body, at: this.clock(), ack: resolve }));
  }

  /** Streamed text: not waited on, and merged with the previous delta of the same action if that is still queued. */
  emitDelta(ref: DeltaRef, chunk: string): void {
    if (this.detached || this.closed) return;
    let text = chunk;
    if (this.scrubber) {
      let open = this.streams.get(ref.actionId);
      if (!open) {
        open = { ref, stream: new StreamScrubber(this.scrubber) };
        this.streams.set(ref.actionId, open);
      }
      text = open.stream.push(chunk);
      if (text === '') return;
    }
    this.queueDelta(ref, text);
  }

  private queueDelta(ref: DeltaRef, text: string): void {
    const last = this.queue.length > this.head ? this.queue[this.queue.length - 1] : undefined;
    if (last && last.body.type === 'action.delta' && last.body.actionId === ref.actionId) {
      last.body.text += text;
      return;
    }
    this.push({ body: { type: 'action.delta', ...ref, text }, at: this.clock(), ack: undefined });
  }

  /** No more events after the queued ones. */
  close(): void {
    // Every action ends (and lets out what its stream held) before the run does. A stream still open here would
    // add a delta after the run's last event: what it held (never a whole secret) is dropped instead.
    this.streams.clear();
    this.closed = true;
    if (this.waiter && this.head >= this.queue.length) this.finish();
  }

  [Symbol.asyncIterator](): AsyncIterator<RunEvent> {
    if (this.iterated) throw new Error('A run\u2019s events can be iterated only once.');
    this.iterated = true;
    return {
      next: () => this.pull(),
      return: async () => {
        this.detach();
        return { done: true, value: undefined };
      },
    };
  }

  private push(item: Pending): void {
    if (this.waiter) {
      const waiter = this.waiter;
      this.waiter = null;
      waiter({ done: false, value: this.deliver(item) });
      return;
    }
    this.queue.push(item);
  }

  private pull(): Promise<IteratorResult<RunEvent>> {
    const ack = this.lastAck;
    this.lastAck = undefined;
    ack?.();
    if (this.head < this.queue.length) {
      const item = this.queue[this.head]!;
      this.queue[this.head++] = undefined as unknown as Pending;
      if (this.head > 1024 && this.head * 2 > this.queue.length) {
        this.queue.splice(0, this.head);
        this.head = 0;
      }
      return Promise.resolve({ done: false, value: this.deliver(item) });
    }
    if (this.closed) {
      this.finish();
      return Promise.resolve({ done: true, value: undefined });
    }
    return new Promise((resolve) => {
      this.waiter = resolve;
    });
  }

  private deliver(item: Pending): RunEvent {
    const event = sealEvent(
      item.body,
      { runId: this.runId, seq: this.seq + 1, at: item.at, previousChain: this.previousChain },
      this.scrubber,
    );
    this.seq = event.seq;
    this.previousChain = event.chain;
    this.lastAck = item.ack;
    return event;
  }

  private endStream(actionId: string): void {
    const open = this.streams.get(actionId);
    if (!open) return;
    this.streams.delete(actionId);
    const rest = open.stream.end();
    if (rest !== '') this.queueDelta(open.ref, rest);
  }

  private finish(): void {
    if (this.waiter) {
      const waiter = this.waiter;
      this.waiter = null;
      waiter({ done: true, value: undefined });
    }
    const drained = this.onDrained;
    this.onDrained = undefined;
    drained?.(false);
  }

  private detach(): void {
    if (this.detached) return;
    this.detached = true;
    this.lastAck?.();
    for (let i = this.head; i < this.queue.length; i++) this.queue[i]?.ack?.();
    this.queue.length = 0;
    this.head = 0;
    const drained = this.onDrained;
    this.onDrained = undefined;
    drained?.(true);
  }
}
