import { sealEvent } from '@baton/engine';
import { describe, expect, it } from 'vitest';
import { agentGraph } from '../../test/documents';
import { openDatabase } from '../db/database';
import { createSqliteGraphStore } from './sqlite-graph-store';
import { createSqliteRunClaims } from './sqlite-run-claims';
import { createSqliteRunRequests } from './sqlite-run-requests';
import { createSqliteRunStore } from './sqlite-run-store';

async function setUp() {
  const db = openDatabase(':memory:');
  let now = 1_000_000;
  const clock = () => now;
  const graphs = createSqliteGraphStore(db);
  const runs = createSqliteRunStore(db);
  await graphs.createGraph('g', agentGraph('g') as never);
  const version = await graphs.versionOfDraft('g');
  for (const id of ['r1', 'r2']) {
    await runs.createRun({ id, graphId: 'g', graphVersion: version.version, goal: 'go', input: null, budget: null });
  }
  return {
    runs,
    claims: createSqliteRunClaims(db, clock),
    requests: createSqliteRunRequests(db, clock),
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('SQLite run claims', () => {
  it('is a compare-and-set: one owner at a time until the lease expires, renewals keep it, a release frees it', async () => {
    const { claims, advance } = await setUp();
    expect(await claims.claim('r1', 'a', 1000)).toBe(true);
    expect(await claims.claim('r1', 'b', 1000)).toBe(false);
    expect(await claims.claim('r1', 'a', 1000)).toBe(true);
    expect(await claims.holder('r1')).toBe('a');
    advance(900);
    expect(await claims.renew('r1', 'a', 1000)).toBe(true);
    advance(900);
    expect(await claims.claim('r1', 'b', 1000)).toBe(false);
    advance(200);
    expect(await claims.holder('r1')).toBeNull();
    expect(await claims.claim('r1', 'b', 1000)).toBe(true);
    // The old owner finds out at its next renewal and must stop writing.
    expect(await claims.renew('r1', 'a', 1000)).toBe(false);
    await claims.release('r1', 'a');
    expect(await claims.holder('r1')).toBe('b');
    await claims.release('r1', 'b');
    expect(await claims.claim('r1', 'c', 1000)).toBe(true);
  });

  it('takes a live lease only from the owner it is told is dead', async () => {
    const { claims } = await setUp();
    await claims.claim('r1', 'dead', 60_000);
    expect(await claims.claim('r1', 'new', 1000, 'someone-else')).toBe(false);
    expect(await claims.claim('r1', 'new', 1000, 'dead')).toBe(true);
  });

  it('lists unfinished runs with their holder, and an interrupted run once a resume is asked', async () => {
    const { claims, requests } = await setUp();
    await claims.claim('r2', 'a', 1000);
    expect(await claims.unfinished()).toEqual([
      { runId: 'r1', owner: null, leaseUntil: null },
      { runId: 'r2', owner: 'a', leaseUntil: 1_001_000 },
    ]);
    expect(await claims.claim('missing', 'a', 1000)).toBe(false);
    expect(await requests.requestResume('r1')).toBe(true);
    expect(await requests.requestResume('r1')).toBe(false);
  });
});

describe('appends fenced by the claim', () => {
  it('refuse a writer whose claim was taken over, and write nothing', async () => {
    const { runs, claims, advance } = await setUp();
    const started = (seq: number, previousChain: string | null) =>
      sealEvent({ type: 'run.waiting', escalationIds: [] }, { runId: 'r1', seq, at: seq, previousChain });
    await claims.claim('r1', 'a', 1000);
    const first = started(1, null);
    await runs.appendEvents([first], { owner: 'a' });
    advance(2000);
    await claims.claim('r1', 'b', 1000);
    await expect(runs.appendEvents([started(2, first.chain)], { owner: 'a' })).rejects.toThrow(/no longer held/);
    expect((await runs.getRun('r1'))?.eventCount).toBe(1);
    await runs.appendEvents([started(2, first.chain)], { owner: 'b' });
    expect((await runs.getRun('r1'))?.eventCount).toBe(2);
  });
});

describe('SQLite run requests', () => {
  it('keeps the first cancel reason, one decision per escalation, and one nonce per run', async () => {
    const { requests } = await setUp();
    expect(await requests.cancelRequest('r1')).toBeNull();
    await requests.requestCancel('r1', 'first');
    await requests.requestCancel('r1', 'second');
    expect(await requests.cancelRequest('r1')).toBe('first');
    expect(await requests.recordDecision('r1', 'esc', { decision: 'approve' })).toBe(true);
    expect(await requests.recordDecision('r1', 'esc', { decision: 'reject' })).toBe(false);
    expect(await requests.decision('r1', 'esc')).toEqual({ decision: 'approve' });
    expect(await requests.decision('r1', 'other')).toBeNull();
    expect(await requests.nonce('r2', () => 'n1')).toBe('n1');
    expect(await requests.nonce('r2', () => 'n2')).toBe('n1');
  });
});
