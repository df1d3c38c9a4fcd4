// RunNotifier over PostgreSQL LISTEN/NOTIFY, so that a watcher connected to any API process is woken by an event
// another process stored. Payloads carry only the run id and the new seq (NOTIFY refuses 8,000 bytes and more):
// the woken read the store. Every notification goes through PostgreSQL, this process's own too, so each wakes once.
// When the listening connection drops, it reconnects, and then wakes every watcher and executor: whatever was sent
// while it was away is read from the store.
import pg from 'pg';
import type { RunNotifier } from './types';

const RUN_CHANNEL = 'baton_run';
const WORK_CHANNEL = 'baton_work';

export interface PgNotifier extends RunNotifier {
  /** Resolves once the listening connection is up (the first time). */
  ready: Promise<void>;
  /** Whether the listening connection is up now. */
  listening(): boolean;
  close(): Promise<void>;
}

export function createPgNotifier(
  pool: pg.Pool,
  url: string,
  options: { reconnectMs?: number; onError?: (error: Error) => void } = {},
): PgNotifier {
  const reconnectMs = options.reconnectMs ?? 1000;
  const listeners = new Map<string, Set<() => void>>();
  const workers = new Set<() => void>();
  let client: pg.Client | null = null;
  let closed = false;
  let up = false;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let connectedBefore = false;

  const wakeRun = (runId: string) => {
    for (const listener of [...(listeners.get(runId) ?? [])]) listener();
  };
  const wakeWork = () => {
    for (const listener of [...workers]) listener();
  };
  const wakeAll = () => {
    for (const runId of [...listeners.keys()]) wakeRun(runId);
    wakeWork();
  };

  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: url });
    const lost = (error?: Error) => {
      if (client !== next) return;
      client = null;
      up = false;
      if (error) options.onError?.(error);
      void next.end().catch(() => {});
      if (!closed) retry = setTimeout(() => void connect().catch(() => {}), reconnectMs);
    };
    next.on('error', lost);
    next.on('end', () => lost());
    next.on('notification', (message) => {
      if (message.channel === WORK_CHANNEL) wakeWork();
      else if (message.channel === RUN_CHANNEL) wakeRun((message.payload ?? '').split(' ')[0] ?? '');
    });
    client = next;
    try {
      await next.connect();
      await next.query(`LISTEN ${RUN_CHANNEL}; LISTEN ${WORK_CHANNEL}`);
    } catch (error) {
      lost(error as Error);
      throw error;
    }
    up = true;
    // Anything notified while no connection listened is in the store: everyone reads from where they are.
    if (connectedBefore) wakeAll();
    connectedBefore = true;
  };

  const ready = connect();
  ready.catch(() => {});

  const send = (channel: string, payload: string) => {
    if (closed) return;
    pool.query('SELECT pg_notify($1, $2)', [channel, payload]).catch((error: Error) => options.onError?.(error));
  };

  return {
    ready,
    listening: () => up,
    notify(runId, seq) {
      send(RUN_CHANNEL, seq === undefined ? runId : `${runId} ${seq}`);
    },
    subscribe(runId, listener) {
      let set = listeners.get(runId);
      if (!set) {
        set = new Set();
        listeners.set(runId, set);
      }
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(runId);
      };
    },
    notifyWork() {
      send(WORK_CHANNEL, '');
    },
    subscribeWork(listener) {
      workers.add(listener);
      return () => {
        workers.delete(listener);
      };
    },
    async close() {
      closed = true;
      clearTimeout(retry);
      const current = client;
      client = null;
      up = false;
      await current?.end().catch(() => {});
    },
  };
}
