// The SSE client of a run: EventSource on /api/runs/:id/events into a RunViewStore, resuming without gaps or doubles.
import { RunEvent } from '@baton/contracts';
import type { RunViewStore } from './run-view-store';

/** `lost`: the server refused the stream several times in a row (the run is gone, or the session expired). */
export type StreamState = 'connecting' | 'open' | 'reconnecting' | 'ended' | 'lost';

/** The part of the browser's EventSource this client uses, so tests can hand in their own. */
export interface EventSourceLike {
  readonly readyState: number;
  onopen: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent<string>) => void) | null;
  onerror: ((event: Event) => void) | null;
  addEventListener(type: 'end', listener: () => void): void;
  close(): void;
}

export interface RunStreamOptions {
  runId: string;
  store: RunViewStore;
  /** Replay only events after this seq (the store already has the ones before). Defaults to the store's last seq. */
  after?: number;
  onStateChange?(state: StreamState): void;
  /** Builds the EventSource; the browser's by default. */
  open?: (url: string) => EventSourceLike;
  /** Delay before opening a new connection after the browser gave up on one. Doubles up to 10 s. */
  retryMs?: number;
  /** Connections in a row that fail before opening, after which the client stops and says `lost` (default 6). */
  maxFailures?: number;
}

const CLOSED = 2;

export function runEventsUrl(runId: string, after: number): string {
  const base = `/api/runs/${encodeURIComponent(runId)}/events`;
  return after > 0 ? `${base}?after=${after}` : base;
}

/**
 * Streams a run into the store until the server sends `end`. While the connection drops, the browser
 * reconnects by itself with `Last-Event-ID`; when it gives up (an HTTP error), a new connection resumes
 * with `?after=` the last seq the store has. The store ignores seqs it has seen, so replays never double.
 * Returns a function that closes the stream.
 */
export function connectRunStream(options: RunStreamOptions): () => void {
  const { runId, store } = options;
  const open = options.open ?? ((url: string) => new EventSource(url) as unknown as EventSourceLike);
  const baseRetry = options.retryMs ?? 1000;
  let retry = baseRetry;
  const maxFailures = options.maxFailures ?? 6;
  let failures = 0;
  let source: EventSourceLike | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;

  const setState = (state: StreamState) => options.onStateChange?.(state);

  const connect = (after: number) => {
    setState(after > 0 ? 'reconnecting' : 'connecting');
    const es = open(runEventsUrl(runId, after));
    source = es;
    es.onopen = () => {
      retry = baseRetry;
      failures = 0;
      setState('open');
    };
    es.onmessage = (message) => {
      const event = parseEvent(message.data);
      if (event) store.enqueue([event]);
    };
    es.addEventListener('end', () => {
      es.close();
      closed = true;
      // Apply what is queued before saying the stream ended, so "ended" always means "everything is shown".
      store.flush();
      setState('ended');
    });
    es.onerror = () => {
      if (closed) return;
      if (es.readyState !== CLOSED) {
        setState('reconnecting');
        return;
      }
      es.close();
      failures += 1;
      if (failures >= maxFailures) {
        closed = true;
        setState('lost');
        return;
      }
      timer = setTimeout(() => {
        if (closed) return;
        // Events still waiting for the next frame count as received.
        store.flush();
        connect(store.getSummary().lastSeq);
      }, retry);
      retry = Math.min(retry * 2, 10_000);
    };
  };

  connect(options.after ?? store.getSummary().lastSeq);
  return () => {
    closed = true;
    clearTimeout(timer);
    source?.close();
  };
}

function parseEvent(data: string): RunEvent | null {
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return null;
  }
  const parsed = RunEvent.safeParse(json);
  if (!parsed.success) {
    console.warn('Baton: ignored a run event that does not match the schema.', parsed.error.issues);
    return null;
  }
  return parsed.data;
}
