import { afterEach, describe, expect, it, vi } from 'vitest';
import { EventScript } from './event-fixtures';
import { connectRunStream, type EventSourceLike, runEventsUrl, type StreamState } from './run-stream';
import { RunViewStore } from './run-view-store';

/** Stands in for the browser's EventSource: the test plays the server. */
class FakeSource implements EventSourceLike {
  readyState = 0;
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent<string>) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  private endListeners: (() => void)[] = [];
  closed = false;

  constructor(readonly url: string) {}

  addEventListener(_type: 'end', listener: () => void): void {
    this.endListeners.push(listener);
  }
  close(): void {
    this.closed = true;
    this.readyState = 2;
  }
  serverOpens() {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }
  serverSends(data: unknown) {
    this.onmessage?.({ data: typeof data === 'string' ? data : JSON.stringify(data) } as MessageEvent<string>);
  }
  serverEnds() {
    for (const listener of this.endListeners) listener();
  }
  fails(readyState: number) {
    this.readyState = readyState;
    this.onerror?.(new Event('error'));
  }
}

function setup(after?: number) {
  const sources: FakeSource[] = [];
  const states: StreamState[] = [];
  const store = new RunViewStore({ runId: 'run_1', scheduleFrame: () => {} });
  const close = connectRunStream({
    runId: 'run_1',
    store,
    after,
    retryMs: 5,
    open: (url) => {
      const source = new FakeSource(url);
      sources.push(source);
      return source;
    },
    onStateChange: (state) => states.push(state),
  });
  return { sources, states, store, close };
}

function script(): EventScript {
  const s = new EventScript();
  s.started();
  s.actionStarted('a1', null, 'w1');
  s.delta('a1', null, 'Hi');
  s.completed('a1', null, 'Hi');
  return s;
}

afterEach(() => vi.useRealTimers());

describe('connectRunStream', () => {
  it('builds the events URL, with ?after= only when resuming', () => {
    expect(runEventsUrl('run 1', 0)).toBe('/api/runs/run%201/events');
    expect(runEventsUrl('run_1', 7)).toBe('/api/runs/run_1/events?after=7');
  });

  it('applies streamed events and closes on end with everything shown', () => {
    const { sources, states, store } = setup();
    const source = sources[0] as FakeSource;
    expect(source.url).toBe('/api/runs/run_1/events');
    source.serverOpens();
    for (const event of script().events) source.serverSends(event);
    // Batched: nothing is applied until a frame or the end.
    expect(store.getSummary().eventCount).toBe(0);
    source.serverEnds();
    expect(source.closed).toBe(true);
    expect(store.getAction('a1')?.text).toBe('Hi');
    expect(states).toEqual(['connecting', 'open', 'ended']);
  });

  it('ignores what is not a valid run event', () => {
    const { sources, store } = setup();
    const source = sources[0] as FakeSource;
    source.serverSends('not json');
    source.serverSends({ type: 'run.started', seq: 1 });
    source.serverEnds();
    expect(store.getSummary().eventCount).toBe(0);
  });

  it('lets the browser reconnect by itself, and opens a new stream after the last seq when it gives up', () => {
    vi.useFakeTimers();
    const { sources, states, store } = setup();
    const events = script().events;
    const first = sources[0] as FakeSource;
    first.serverOpens();
    first.serverSends(events[0]);
    first.serverSends(events[1]);
    // Still CONNECTING: the browser retries with Last-Event-ID; no new EventSource from us.
    first.fails(0);
    expect(sources).toHaveLength(1);
    expect(states.at(-1)).toBe('reconnecting');
    // CLOSED: the browser gave up (e.g. an HTTP error). We resume after what we have.
    first.fails(2);
    vi.advanceTimersByTime(10);
    expect(sources).toHaveLength(2);
    const second = sources[1] as FakeSource;
    expect(second.url).toBe('/api/runs/run_1/events?after=2');
    // A server that replays a little too much is harmless.
    for (const event of events) second.serverSends(event);
    second.serverEnds();
    expect(store.getSummary().eventCount).toBe(events.length);
    expect(store.getAction('a1')?.text).toBe('Hi');
  });

  it('gives up and says lost after the server refuses several connections in a row', () => {
    vi.useFakeTimers();
    const { sources, states } = setup();
    for (let i = 0; i < 6; i++) {
      (sources[i] as FakeSource).fails(2);
      vi.advanceTimersByTime(20_000);
    }
    expect(sources).toHaveLength(6);
    expect(states.at(-1)).toBe('lost');
  });

  it('resumes after a given seq and stops reconnecting once closed', () => {
    vi.useFakeTimers();
    const { sources, close } = setup(12);
    expect((sources[0] as FakeSource).url).toBe('/api/runs/run_1/events?after=12');
    close();
    (sources[0] as FakeSource).fails(2);
    vi.advanceTimersByTime(100);
    expect(sources).toHaveLength(1);
  });
});
