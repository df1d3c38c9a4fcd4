import type { RunEvent, RunEventBody } from '@baton/contracts';
import { sealEvent, verifyRunLog } from '@baton/engine';
import { describe, expect, it, vi } from 'vitest';
import { agentGraph } from '../../test/documents';
import { openDatabase } from '../db/database';
import { createScrubber } from '../secrets';
import { createMemoryNotifier } from '../store/memory-notifier';
import { createSqliteGraphStore } from '../store/sqlite-graph-store';
import { createSqliteRunStore } from '../store/sqlite-run-store';
import type { RunStore } from '../store/types';
import { RunEventRecorder } from './event-recorder';

const SECRET = 'sk-test-secret-1234567890';
const nextTick = () => new Promise<void>((resolve) => setImmediate(resolve));

async function setup() {
  const db = openDatabase(':memory:');
  const graphs = createSqliteGraphStore(db);
  const runs = createSqliteRunStore(db);
  await graphs.createGraph('g', agentGraph('g') as never);
  const version = await graphs.versionOfDraft('g');
  await runs.createRun({ id: 'r', graphId: 'g', graphVersion: version.version, goal: 'go', input: null, budget: null });
  const batches: number[] = [];
  const counted: RunStore = {
    ...runs,
    appendEvents: (events) => {
      batches.push(events.length);
      return runs.appendEvents(events);
    },
  };
  const notifier = createMemoryNotifier();
  let chain: string | null = null;
  let seq = 0;
  const next = (
    body: RunEventBody = { type: 'action.delta', actionId: 'a', parentActionId: null, stepKey: null, text: 'x' },
  ) => {
    const event = sealEvent(body, { runId: 'r', seq: ++seq, at: 1000 + seq, previousChain: chain });
    chain = event.chain;
    return event;
  };
  return { db, runs, counted, notifier, batches, next };
}

describe('RunEventRecorder', () => {
  it('commits the events of one tick in one transaction, in order, and wakes watchers after the commit', async () => {
    const { db, runs, counted, notifier, batches, next } = await setup();
    const recorder = new RunEventRecorder({ runs: counted, notifier });
    const seen: number[] = [];
    notifier.subscribe('r', () => {
      void runs.getRun('r').then((run) => seen.push(run!.eventCount));
    });
    for (let i = 0; i < 5; i++) expect(recorder.record(next())).toBeUndefined();
    expect(await runs.readEvents('r', 0)).toEqual([]); // write-behind: nothing is stored within the tick
    await nextTick();
    expect(batches).toEqual([5]);
    recorder.record(next());
    recorder.record(next({ type: 'run.interrupted', reason: 'stop' }));
    await recorder.flush();
    expect(batches).toEqual([5, 2]);
    expect((await runs.readEvents('r', 0)).map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(seen).toEqual([5, 7]);
    expect(await runs.getRun('r')).toMatchObject({ status: 'interrupted', eventCount: 7 });
    db.close();
  });

  it('makes the engine wait once 256 events are queued', async () => {
    const { db, runs, counted, notifier, batches, next } = await setup();
    const recorder = new RunEventRecorder({ runs: counted, notifier });
    const waits: number[] = [];
    for (let i = 1; i <= 600; i++) {
      const full = recorder.record(next());
      if (full) {
        waits.push(i);
        await full;
      }
    }
    await recorder.flush();
    expect(waits).toEqual([256, 512]);
    expect(batches).toEqual([256, 256, 88]);
    expect((await runs.getRun('r'))?.eventCount).toBe(600);
    db.close();
  });

  it('stores events exactly as sealed: a scrubbed event is not changed again, and the stored log verifies', async () => {
    const { db, runs, notifier } = await setup();
    const recorder = new RunEventRecorder({ runs, notifier });
    // Sealed the way the run manager seals: scrubbed first, with the server's scrubber.
    const event = sealEvent(
      { type: 'run.interrupted', reason: `the key ${SECRET} leaked` },
      { runId: 'r', seq: 1, at: 1001, previousChain: null },
      createScrubber([SECRET]),
    );
    recorder.record(event);
    await recorder.flush();
    const stored = await runs.readEvents('r', 0);
    expect(stored).toEqual([event]);
    expect(stored[0]).toMatchObject({ reason: 'the key [redacted] leaked' });
    expect(stored[0]!.redacted).toBeUndefined();
    const run = (await runs.getRun('r'))!;
    expect(verifyRunLog(stored, { lastHash: run.lastHash, count: run.eventCount })).toEqual({ ok: true });
    expect(JSON.stringify(await runs.readEventTexts('r', 0))).not.toContain(SECRET);
    db.close();
  });

  it('after a failed commit: tells onFailure once, refuses more events, and flush rejects', async () => {
    const { db, runs, notifier, next } = await setup();
    const failing: RunStore = { ...runs, appendEvents: () => Promise.reject(new Error('disk full')) };
    const onFailure = vi.fn();
    const recorder = new RunEventRecorder({ runs: failing, notifier }, onFailure);
    const woken = vi.fn();
    notifier.subscribe('r', woken);
    recorder.record(next());
    recorder.record(next());
    await nextTick();
    expect(onFailure).toHaveBeenCalledTimes(1);
    expect(onFailure.mock.calls[0]![0]).toMatchObject({ message: 'disk full' });
    expect(recorder.failed).toBe(true);
    expect(() => recorder.record(next())).toThrow('disk full');
    await expect(recorder.flush()).rejects.toThrow('disk full');
    expect(woken).not.toHaveBeenCalled();
    expect(onFailure).toHaveBeenCalledTimes(1);
    db.close();
  });

  it('keeps the order of events recorded while an earlier batch is still being written', async () => {
    const { db, runs, notifier, next } = await setup();
    // A store that answers late, as a networked one would: the second batch must wait for the first.
    const slow: RunStore = {
      ...runs,
      appendEvents: async (events: readonly RunEvent[]) => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        return runs.appendEvents(events);
      },
    };
    const recorder = new RunEventRecorder({ runs: slow, notifier });
    recorder.record(next());
    await nextTick();
    recorder.record(next());
    recorder.record(next());
    await recorder.flush();
    expect((await runs.readEvents('r', 0)).map((e) => e.seq)).toEqual([1, 2, 3]);
    db.close();
  });
});
