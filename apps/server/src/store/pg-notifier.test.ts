// The LISTEN/NOTIFY notifier between processes (two pools on one PostgreSQL), and SSE streams served by another
// process than the one executing the run: with the notifier, and with a dead one (the slow poll).
import type { RunEvent } from '@baton/contracts';
import { type PostgresServer, startPostgres } from '@baton/toolchain';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testServer } from '../../test/harness';
import { collectSse } from '../../test/sse';
import { openPgStores, type Stores } from './open-stores';
import { createPgNotifier } from './pg-notifier';
import type { RunNotifier } from './types';

let postgres: PostgresServer;
beforeAll(async () => {
  postgres = await startPostgres();
}, 60_000);
afterAll(() => postgres?.stop());

const until = async (check: () => boolean, ms = 5000) => {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('PostgreSQL notifier', () => {
  it('wakes watchers and executors of another process with the run id and seq only, and recovers from a dropped connection', async () => {
    const url = postgres.createDatabase('notifier');
    const pool = new pg.Pool({ connectionString: url });
    const a = createPgNotifier(pool, url);
    const b = createPgNotifier(pool, url, { reconnectMs: 50 });
    const raw = new pg.Client({ connectionString: url });
    try {
      await Promise.all([a.ready, b.ready, raw.connect()]);
      const payloads: string[] = [];
      raw.on('notification', (m) => payloads.push(`${m.channel}:${m.payload}`));
      await raw.query('LISTEN baton_run; LISTEN baton_work');
      let runWakes = 0;
      let otherWakes = 0;
      let workWakes = 0;
      b.subscribe('run_1', () => runWakes++);
      b.subscribe('run_2', () => otherWakes++);
      b.subscribeWork(() => workWakes++);
      a.notify('run_1', 7);
      a.notifyWork();
      await until(() => runWakes === 1 && workWakes === 1 && payloads.length === 2);
      expect(otherWakes).toBe(0);
      // Sent on two pool connections, so in either order.
      expect(payloads.sort()).toEqual(['baton_run:run_1 7', 'baton_work:']);

      // The listening connection is killed: b reconnects, and every watcher re-reads (one wake each).
      await raw.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'LISTEN%' AND pid <> pg_backend_pid()`,
      );
      await until(() => otherWakes === 1);
      expect(runWakes).toBe(2);
      await until(() => b.listening());
      a.notify('run_2', 1);
      await until(() => otherWakes === 2);
    } finally {
      await Promise.all([a.close(), b.close(), raw.end()]);
      await pool.end();
    }
  }, 30_000);
});

describe('SSE from another process', () => {
  const deaf: RunNotifier = {
    notify() {},
    subscribe: () => () => {},
    notifyWork() {},
    subscribeWork: () => () => {},
  };

  async function twoServers(name: string, watcherNotifier?: RunNotifier) {
    const url = postgres.createDatabase(name);
    const [storesA, storesB] = await Promise.all([openPgStores(url), openPgStores(url)]);
    const b: Stores = watcherNotifier ? { ...storesB, notifier: watcherNotifier } : storesB;
    const executor = testServer({ stores: storesA, idTag: 'a', fake: { stepMs: 40, deltas: 10 } });
    // The watcher's process executes nothing: every event it streams was stored by the other one.
    // No heartbeat before the run ends, so that only the poll reads the store when no notification comes.
    const watcher = testServer({ stores: b, idTag: 'b', execute: false, pollMs: 300, heartbeatMs: 60_000 });
    const close = () => Promise.all([executor.close(), watcher.close()]);
    return { executor, watcher, close };
  }

  async function watchOneRun(executor: ReturnType<typeof testServer>, watcher: ReturnType<typeof testServer>) {
    const { agentGraph } = await import('../../test/documents');
    await executor.graphs.createGraph('g', agentGraph('g') as never);
    const start = await executor.call('POST', '/api/graphs/g/runs', { goal: 'go' });
    const { runId } = (await start.json()) as { runId: string };
    const began = Date.now();
    const messages = await collectSse(await watcher.call('GET', `/api/runs/${runId}/events`));
    const events = messages.filter((m) => m.event === 'message').map((m) => JSON.parse(m.data) as RunEvent);
    const stored = await watcher.runs.readEventTexts(runId, 0);
    return { messages, events, stored, ms: Date.now() - began };
  }

  it('streams every event of a run another process executes, once each, in order, then ends', async () => {
    const { executor, watcher, close } = await twoServers('sse_live');
    try {
      const { messages, events, stored } = await watchOneRun(executor, watcher);
      expect(events.map((e) => e.seq)).toEqual(stored.map((t) => t.seq));
      expect(messages.filter((m) => m.event === 'message').map((m) => m.data)).toEqual(stored.map((t) => t.body));
      expect(events.at(-1)?.type).toBe('run.completed');
      expect(messages.at(-1)?.event).toBe('end');
    } finally {
      await close();
    }
  }, 30_000);

  it('still streams every event when the notifier is dead: the slow poll reads the store', async () => {
    const { executor, watcher, close } = await twoServers('sse_deaf', deaf);
    try {
      const { events, stored, ms } = await watchOneRun(executor, watcher);
      expect(events.map((e) => e.seq)).toEqual(stored.map((t) => t.seq));
      expect(events.at(-1)?.type).toBe('run.completed');
      expect(ms).toBeLessThan(10_000);
    } finally {
      await close();
    }
  }, 30_000);
});
