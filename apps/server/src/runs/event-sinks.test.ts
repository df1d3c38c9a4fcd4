// The sinks after the store: a slow, failing or dead sink never holds the caller up, and every drop is counted.
import type { RunEvent } from '@baton/contracts';
import { describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../logger';
import { type EventSink, EventSinks } from './event-sinks';

const event = (seq: number) => ({ type: 'run.waiting', runId: 'r', seq }) as unknown as RunEvent;
const events = (from: number, count: number) => Array.from({ length: count }, (_, i) => event(from + i));
const seqs = (list: readonly RunEvent[]) => list.map((e) => e.seq);

function recording(fail: (attempt: number) => boolean = () => false): EventSink & { got: number[]; attempts: number } {
  const sink = {
    name: 'test',
    got: [] as number[],
    attempts: 0,
    async write(batch: readonly RunEvent[]) {
      sink.attempts++;
      if (fail(sink.attempts)) throw new Error(`attempt ${sink.attempts} failed`);
      sink.got.push(...seqs(batch));
    },
  };
  return sink;
}

describe('event sinks', () => {
  it('hands every event to every sink, in order', async () => {
    const a = recording();
    const b = recording();
    const sinks = new EventSinks([a, b], createMemoryLogger([]));
    sinks.deliver(events(1, 3));
    sinks.deliver(events(4, 2));
    await sinks.idle();
    expect(a.got).toEqual([1, 2, 3, 4, 5]);
    expect(b.got).toEqual([1, 2, 3, 4, 5]);
  });

  it('retries a failed write with backoff and loses nothing when the sink comes back', async () => {
    const sink = recording((attempt) => attempt <= 2);
    const logger = createMemoryLogger([]);
    const sinks = new EventSinks([sink], logger, { backoffMs: 20 });
    const began = Date.now();
    sinks.deliver(events(1, 2));
    await sinks.idle();
    expect(sink.got).toEqual([1, 2]);
    expect(sink.attempts).toBe(3);
    expect(Date.now() - began).toBeGreaterThanOrEqual(20 + 40 - 5); // 20 ms, then 40 ms
    expect(sinks.dropped()).toEqual([{ overflow: 0, failed: 0 }]);
  });

  it('drops a batch that fails every attempt, counted in a warning, and goes on with the next', async () => {
    const sink = recording((attempt) => attempt <= 3);
    const logger = createMemoryLogger([]);
    const sinks = new EventSinks([sink], logger, { backoffMs: 1, maxAttempts: 3, maxBatch: 2 });
    sinks.deliver(events(1, 4));
    await sinks.idle();
    expect(sink.got).toEqual([3, 4]);
    expect(sinks.dropped()).toEqual([{ overflow: 0, failed: 2 }]);
    expect(logger.lines.join('\n')).toMatch(/event sink test: 2 event\(s\) dropped after 3 attempt\(s\)/);
  });

  it('never waits for a sink that hangs: past the bound, new events are dropped and counted', async () => {
    let release: () => void = () => {};
    const hanging: EventSink & { got: number[] } = {
      name: 'hang',
      got: [],
      write(batch) {
        this.got.push(...seqs(batch));
        return new Promise((resolve) => {
          release = resolve;
        });
      },
    };
    const logger = createMemoryLogger([]);
    const sinks = new EventSinks([hanging], logger, { maxQueued: 5, maxBatch: 5 });
    const began = performance.now();
    for (let i = 0; i < 100; i++) sinks.deliver(events(i * 10 + 1, 10));
    expect(performance.now() - began).toBeLessThan(50);
    expect(sinks.dropped()).toEqual([{ overflow: 995, failed: 0 }]);
    expect(logger.lines.filter((l) => l.includes('queue full')).length).toBeLessThanOrEqual(2);
    release();
    await sinks.idle();
    expect(hanging.got).toEqual([1, 2, 3, 4, 5]);
  });

  it('close gives up on a sink that never answers', async () => {
    const dead: EventSink = { name: 'dead', write: () => new Promise(() => {}) };
    const sinks = new EventSinks([dead], createMemoryLogger([]));
    sinks.deliver(events(1, 1));
    const began = Date.now();
    await sinks.close(50);
    expect(Date.now() - began).toBeLessThan(500);
  });
});
