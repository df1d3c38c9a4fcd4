// The behaviour every store implementation must have, run against SQLite and against a real PostgreSQL.
import type { RunEvent, RunEventBody, TestCase } from '@baton/contracts';
import { sealEvent, verifyRunLog } from '@baton/engine';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { agentGraph } from '../../test/documents';
import type { Stores } from './open-stores';
import { STORE_BACKENDS } from './store-backends';

const ZERO = { inputTokens: 0, outputTokens: 0, totalTokens: 0 };
const ref = { actionId: 'a', parentActionId: null, stepKey: null };
const contract = { name: 'c', schema: {}, requiredConfidence: 0.5, onLowConfidence: 'escalate' as const };

/** Seals events of one run in order, as the executor does. */
function sealer(runId: string) {
  let chain: string | null = null;
  return (seq: number, body: RunEventBody = { type: 'run.waiting', escalationIds: [] }): RunEvent => {
    const event = sealEvent(body, { runId, seq, at: 1000 + seq, previousChain: chain });
    chain = event.chain;
    return event;
  };
}

describe.each(STORE_BACKENDS)('$name stores', (backend) => {
  const open: Stores[] = [];
  beforeAll(() => backend.start(), 60_000);
  afterAll(() => backend.stop());
  afterEach(async () => {
    for (const stores of open.splice(0)) await stores.close();
  });

  let now = 1_000_000;
  const clock = () => now;
  const advance = (ms: number) => {
    now += ms;
  };

  /** Stores over a fresh database with a graph "g" and runs `runIds`; `again()` opens a second set (a process). */
  async function setUp(runIds: string[] = ['r']) {
    const where = await backend.fresh();
    const again = async () => {
      const stores = await backend.open(where, clock);
      open.push(stores);
      return stores;
    };
    const stores = await again();
    await stores.graphs.createGraph('g', agentGraph('g') as never);
    const version = await stores.graphs.versionOfDraft('g');
    for (const id of runIds) {
      await stores.runs.createRun({
        id,
        graphId: 'g',
        graphVersion: version.version,
        goal: 'go',
        input: null,
        budget: null,
      });
    }
    const seal = sealer(runIds[0]!);
    let seq = 0;
    const append = (body: RunEventBody) => stores.runs.appendEvents([seal(++seq, body)]);
    return { ...stores, again, append };
  }

  describe('run store', () => {
    it('applies each event to the run row in the same transaction: status, counters, chain hash', async () => {
      const { runs, append } = await setUp();
      expect((await runs.getRun('r'))?.status).toBe('queued');
      await append({
        type: 'run.started',
        graphId: 'g',
        graphVersion: 1,
        goal: 'go',
        provider: {
          kind: 'simulated',
          simulated: true,
          baseUrlHost: null,
          models: { fast: 'a', balanced: 'b', deep: 'c' },
        },
        budget: { maxModelCalls: 1, maxTokens: 1, maxWallSeconds: 1 },
        attempt: 1,
      });
      expect(await runs.getRun('r')).toMatchObject({ status: 'running', startedAt: 1001, eventCount: 1 });
      await append({
        type: 'escalation.requested',
        ...ref,
        escalationId: 'e1',
        edgeId: 'x',
        sourceId: 's',
        targetId: 't',
        contract,
        payload: {},
        confidence: 0.1,
        reason: 'low',
      });
      await append({ type: 'run.waiting', escalationIds: ['e1'] });
      expect(await runs.getRun('r')).toMatchObject({ status: 'waiting', pendingEscalations: ['e1'] });
      await append({ type: 'escalation.resolved', ...ref, escalationId: 'e1', decision: 'approve', payload: {} });
      expect(await runs.getRun('r')).toMatchObject({ status: 'running', pendingEscalations: [] });
      const last = await append({
        type: 'run.completed',
        result: { ok: true },
        usage: ZERO,
        modelCalls: 2,
        activeMs: 9,
      });
      expect(last).toMatchObject({ status: 'completed', result: { ok: true }, endedAt: 1005, eventCount: 5 });
      expect((await runs.readEvents('r', 3)).map((e) => e.seq)).toEqual([4, 5]);
      expect(last.lastHash).toBe((await runs.readEvents('r', 4))[0]!.chain);
      expect(last).toEqual(await runs.getRun('r'));
    });

    it('refuses an event out of order and writes nothing', async () => {
      const { runs } = await setUp();
      const event = sealEvent(
        { type: 'run.interrupted', reason: 'x' },
        { runId: 'r', seq: 2, at: 1, previousChain: null },
      );
      await expect(runs.appendEvents([event])).rejects.toThrow(/does not follow/);
      expect(await runs.readEvents('r', 0)).toEqual([]);
      expect((await runs.getRun('r'))?.eventCount).toBe(0);
    });

    it('appends a batch in one transaction: all of it, or nothing when one event is out of order', async () => {
      const { runs } = await setUp();
      const seal = sealer('r');
      const first = [seal(1), seal(2, { type: 'action.delta', ...ref, text: 'hello' })];
      const broken = [
        seal(3, { type: 'action.delta', ...ref, text: 'kept out' }),
        seal(5, { type: 'run.interrupted', reason: 'x' }),
      ];
      await expect(runs.appendEvents([...first, ...broken])).rejects.toThrow(
        /Event 5 of run "r" does not follow event 3/,
      );
      expect(await runs.readEvents('r', 0)).toEqual([]);
      expect(await runs.getRun('r')).toMatchObject({ status: 'queued', eventCount: 0, lastHash: null });
      const record = await runs.appendEvents(first);
      expect(record).toMatchObject({ status: 'waiting', eventCount: 2, lastHash: first[1]!.chain });
      expect(record).toEqual(await runs.getRun('r'));
      expect((await runs.readEvents('r', 0)).map((e) => e.seq)).toEqual([1, 2]);
      await expect(runs.appendEvents([])).rejects.toThrow(/at least one event/);
    });

    it('keeps event bodies byte for byte as sealed: key order, \\u0000, lone surrogates, no line breaks', async () => {
      const { runs, append } = await setUp();
      await append({ type: 'action.delta', ...ref, text: 'one\ntwo "quoted" \u0000 nul \ud800 lone ☃ {"z":1,"a":2}' });
      await append({ type: 'run.interrupted', reason: 'stop' });
      const texts = await runs.readEventTexts('r', 0);
      const events = await runs.readEvents('r', 0);
      expect(texts.map((t) => [t.seq, t.type])).toEqual([
        [1, 'action.delta'],
        [2, 'run.interrupted'],
      ]);
      expect(texts.map((t) => t.body)).toEqual(events.map((e) => JSON.stringify(e)));
      expect(texts[0]!.body.indexOf('"type"')).toBeLessThan(texts[0]!.body.indexOf('"runId"'));
      expect(texts[0]!.body).toContain('\\u0000 nul \\ud800 lone');
      expect(texts.every((t) => !/[\r\n]/.test(t.body))).toBe(true);
      expect((await runs.readEventTexts('r', 1, 5)).map((t) => t.seq)).toEqual([2]);
    });

    it('keeps appending right when another process appended behind its back, and refuses a stale writer', async () => {
      const { runs, again } = await setUp();
      const other = (await again()).runs;
      const next = sealer('r');
      await runs.appendEvents([next(1)]);
      await other.appendEvents([next(2)]); // `runs` still holds the run at event 1
      const third = next(3);
      expect(await runs.appendEvents([third])).toMatchObject({ eventCount: 3, lastHash: third.chain });
      const stale = sealEvent(
        { type: 'run.waiting', escalationIds: [] },
        { runId: 'r', seq: 3, at: 1, previousChain: null },
      );
      await expect(other.appendEvents([stale])).rejects.toThrow(/does not follow event 3/);
      const last = next(4, { type: 'run.interrupted', reason: 'stop' });
      expect(await other.appendEvents([last])).toEqual(await runs.getRun('r'));
      expect((await runs.readEvents('r', 0)).map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    });

    it('lets exactly one of two processes append the same next event; the log never interleaves', async () => {
      const { runs, again } = await setUp();
      const other = (await again()).runs;
      for (let seq = 1; seq <= 10; seq++) {
        const previousChain = (await runs.getRun('r'))!.lastHash;
        const make = (text: string) =>
          sealEvent({ type: 'action.delta', ...ref, text }, { runId: 'r', seq, at: seq, previousChain });
        const results = await Promise.allSettled([
          runs.appendEvents([make(`a${seq}`)]),
          other.appendEvents([make(`b${seq}`)]),
        ]);
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        const lost = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')!;
        expect(String(lost.reason)).toMatch(/does not follow/);
      }
      const log = await runs.readEvents('r', 0);
      expect(log.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      const run = (await other.getRun('r'))!;
      expect(verifyRunLog(log, { lastHash: run.lastHash, count: run.eventCount })).toMatchObject({ ok: true });
    });

    it('keeps the tokens per model of a run, and the run-level spend survives the terminal totals', async () => {
      const { runs, append } = await setUp();
      const call = (actionId: string, model: string, inputTokens: number) =>
        append({
          type: 'action.completed',
          actionId,
          parentActionId: null,
          stepKey: null,
          output: 'x',
          usage: { inputTokens, outputTokens: 1, totalTokens: inputTokens + 1 },
          model,
          durationMs: 1,
        });
      await call('a', 'gpt-4.1-mini', 10);
      await call('b', 'gpt-4.1', 20);
      await call('c', 'gpt-4.1-mini', 30);
      await append({
        type: 'run.completed',
        result: 'x',
        usage: { inputTokens: 60, outputTokens: 3, totalTokens: 63 },
        modelCalls: 3,
        activeMs: 1,
      });
      const [summary] = await runs.listRuns('g');
      expect(summary?.spend).toEqual({
        simulated: null,
        byModel: {
          'gpt-4.1-mini': { inputTokens: 40, outputTokens: 2, totalTokens: 42 },
          'gpt-4.1': { inputTokens: 20, outputTokens: 1, totalTokens: 21 },
        },
      });
    });

    it('lists runs newest first, by status, with their budget', async () => {
      const { runs } = await setUp(['r1', 'r2', 'r3']);
      await runs.createRun({
        id: 'rb',
        graphId: 'g',
        graphVersion: 1,
        goal: 'go',
        input: { n: 1 },
        budget: { maxModelCalls: 3 },
      });
      expect((await runs.listRuns('g')).map((r) => r.id)).toEqual(['rb', 'r3', 'r2', 'r1']);
      expect((await runs.listRunsWithStatus(['queued'])).map((r) => r.id)).toEqual(['r1', 'r2', 'r3', 'rb']);
      expect(await runs.listRunsWithStatus([])).toEqual([]);
      expect(await runs.getRunBudget('rb')).toEqual({ maxModelCalls: 3 });
      expect(await runs.getRunBudget('r1')).toBeNull();
      expect((await runs.getRun('rb'))?.input).toEqual({ n: 1 });
    });
  });

  describe('graph store', () => {
    it('refuses a stale draft, and makes one version of a changed draft however many processes ask at once', async () => {
      const { graphs, again } = await setUp([]);
      const other = (await again()).graphs;
      const before = await graphs.getGraph('g');
      await expect(graphs.updateDraft('g', before!.draft, before!.draftRevision + 5)).rejects.toThrow(/changed since/);
      await graphs.updateDraft('g', { ...before!.draft, name: 'changed' }, before!.draftRevision);
      const versions = await Promise.all(
        Array.from({ length: 8 }, (_, i) => (i % 2 === 0 ? graphs : other).versionOfDraft('g')),
      );
      expect(new Set(versions.map((v) => v.version))).toEqual(new Set([2]));
      expect(versions[0]!.document.name).toBe('changed');
      expect((await other.listVersions('g')).map((v) => [v.version, v.reason])).toEqual([
        [2, 'run'],
        [1, 'run'],
      ]);
      // Saving and editing at once from two processes: every save gets its own number, every edit a revision.
      const saved = await Promise.all([graphs.saveVersion('g', 'a', 'saved'), other.saveVersion('g', 'b', 'saved')]);
      expect(saved.map((v) => v.version).sort()).toEqual([3, 4]);
      const revision = (await graphs.getGraph('g'))!.draftRevision;
      const edits = await Promise.allSettled([
        graphs.updateDraft('g', { ...before!.draft, name: 'one' }, revision),
        other.updateDraft('g', { ...before!.draft, name: 'two' }, revision),
      ]);
      expect(edits.filter((e) => e.status === 'fulfilled')).toHaveLength(1);
      expect((await graphs.getGraph('g'))!.draftRevision).toBe(revision + 1);
    });

    it('lists graphs with their last run, restores versions, renames, keeps meta and deletes', async () => {
      const { graphs, runs } = await setUp(['r1', 'r2']);
      const [summary] = await graphs.listGraphs();
      expect(summary).toMatchObject({ id: 'g', latestVersion: 1, lastRun: { id: 'r2', status: 'queued' } });
      await graphs.rename('g', 'Renamed', 'about');
      expect((await graphs.getGraph('g'))!.draft).toMatchObject({ id: 'g', name: 'Renamed', description: 'about' });
      const restored = await graphs.restoreVersion('g', 1);
      expect(restored.draft.name).not.toBe('Renamed');
      expect((await graphs.versionOfDraft('g')).version).toBe(1);
      await expect(graphs.restoreVersion('g', 9)).rejects.toThrow(/Version 9/);
      expect(await graphs.getMeta('k')).toBeNull();
      await graphs.setMeta('k', 'v1');
      await graphs.setMeta('k', 'v2');
      expect(await graphs.getMeta('k')).toBe('v2');
      expect(await graphs.deleteGraph('g')).toBe(true);
      expect(await graphs.deleteGraph('g')).toBe(false);
      expect(await runs.getRun('r1')).toBeNull();
      await expect(graphs.listVersions('g')).rejects.toThrow(/The graph "g"/);
    });
  });

  describe('run claims', () => {
    it('is a compare-and-set: one owner at a time until the lease expires, renewals keep it, a release frees it', async () => {
      const { claims } = await setUp(['r1', 'r2']);
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
      const { claims } = await setUp(['r1']);
      await claims.claim('r1', 'dead', 60_000);
      expect(await claims.claim('r1', 'new', 1000, 'someone-else')).toBe(false);
      expect(await claims.claim('r1', 'new', 1000, 'dead')).toBe(true);
    });

    it('gives a free run to exactly one of many processes claiming at once', async () => {
      const { claims, again } = await setUp(['r1']);
      const others = [claims, (await again()).claims, (await again()).claims];
      const won = await Promise.all(
        Array.from({ length: 12 }, (_, i) => others[i % 3]!.claim('r1', `owner-${i}`, 60_000)),
      );
      expect(won.filter(Boolean)).toHaveLength(1);
      expect(await claims.holder('r1')).toBe(`owner-${won.indexOf(true)}`);
    });

    it('lists unfinished runs with their holder, and an interrupted run once a resume is asked', async () => {
      const { claims, requests } = await setUp(['r1', 'r2']);
      await claims.claim('r2', 'a', 1000);
      expect(await claims.unfinished()).toEqual([
        { runId: 'r1', owner: null, leaseUntil: null },
        { runId: 'r2', owner: 'a', leaseUntil: now + 1000 },
      ]);
      expect(await claims.claim('missing', 'a', 1000)).toBe(false);
      expect(await requests.requestResume('r1')).toBe(true);
      expect(await requests.requestResume('r1')).toBe(false);
      expect(await requests.resumeRequested('r1')).toBe(true);
      await requests.clearResumeRequest('r1');
      expect(await requests.resumeRequested('r1')).toBe(false);
    });

    it('fences appends: a writer whose claim was taken over writes nothing', async () => {
      const { runs, claims } = await setUp(['r1']);
      const seal = sealer('r1');
      await claims.claim('r1', 'a', 1000);
      await runs.appendEvents([seal(1)], { owner: 'a' });
      advance(2000);
      await claims.claim('r1', 'b', 1000);
      const second = seal(2);
      await expect(runs.appendEvents([second], { owner: 'a' })).rejects.toThrow(/no longer held/);
      expect((await runs.getRun('r1'))?.eventCount).toBe(1);
      await runs.appendEvents([second], { owner: 'b' });
      expect((await runs.getRun('r1'))?.eventCount).toBe(2);
    });
  });

  describe('run requests', () => {
    it('keeps the first cancel reason, one decision per escalation, and one nonce per run', async () => {
      const { requests } = await setUp(['r1', 'r2']);
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

    it("keeps a run's trace context, and another process reads it", async () => {
      const { requests, again } = await setUp(['r1', 'r2']);
      const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
      expect(await requests.traceParent('r1')).toBeNull();
      await requests.nonce('r1', () => 'n1');
      await requests.setTraceParent('r1', traceparent);
      expect(await (await again()).requests.traceParent('r1')).toBe(traceparent);
      expect(await requests.traceParent('r2')).toBeNull();
      expect(await requests.nonce('r1', () => 'n2')).toBe('n1');
    });
  });

  describe('test cases', () => {
    const testCase = (name: string, goal = 'go'): TestCase => ({
      format: 'baton.testcase',
      version: 1,
      name,
      graphId: 'g',
      graphVersion: 1,
      goal,
      models: { fast: 'f', balanced: 'b', deep: 'd' },
      steps: [],
      decisions: [],
      assertions: { status: 'completed' },
    });

    it('stores cases per graph by name, replaces and deletes them, and never makes a graph version', async () => {
      const { testCases, graphs, again } = await setUp();
      const before = await graphs.getGraph('g');
      const created = await testCases.create('g', 'case_1', testCase('zeta'));
      expect(created).toMatchObject({ id: 'case_1', graphId: 'g', name: 'zeta', goal: 'go', stepCount: 0 });
      await testCases.create('g', 'case_2', testCase('alpha'));
      const other = (await again()).testCases;
      expect((await other.list('g')).map((c) => c.name)).toEqual(['alpha', 'zeta']);
      advance(5);
      const replaced = await other.replace('g', 'case_1', testCase('zeta', 'go again'));
      expect(replaced.document.goal).toBe('go again');
      expect(replaced.updatedAt).toBeGreaterThan(created.updatedAt);
      expect((await testCases.get('g', 'case_1'))?.document.goal).toBe('go again');
      expect(await testCases.get('g', 'case_nope')).toBeNull();
      expect(await graphs.getGraph('g')).toEqual(before);
      expect(await testCases.delete('g', 'case_2')).toBe(true);
      expect(await testCases.delete('g', 'case_2')).toBe(false);
      expect((await testCases.list('g')).map((c) => c.id)).toEqual(['case_1']);
    });

    it('refuses a name the graph has, an unknown graph and an unknown case, writing nothing', async () => {
      const { testCases } = await setUp();
      await testCases.create('g', 'case_1', testCase('one'));
      await testCases.create('g', 'case_2', testCase('two'));
      await expect(testCases.create('g', 'case_3', testCase('one'))).rejects.toMatchObject({
        code: 'test_case_name_taken',
      });
      await expect(testCases.replace('g', 'case_2', testCase('one'))).rejects.toMatchObject({
        code: 'test_case_name_taken',
      });
      await expect(testCases.create('nope', 'case_4', testCase('x'))).rejects.toMatchObject({
        code: 'graph_not_found',
      });
      await expect(testCases.list('nope')).rejects.toMatchObject({ code: 'graph_not_found' });
      await expect(testCases.replace('g', 'case_9', testCase('nine'))).rejects.toMatchObject({
        code: 'test_case_not_found',
      });
      expect((await testCases.list('g')).map((c) => c.name)).toEqual(['one', 'two']);
    });

    it("goes with its graph: deleting the graph deletes the graph's cases", async () => {
      const { testCases, graphs } = await setUp();
      await testCases.create('g', 'case_1', testCase('one'));
      // Runs hold the graph too; deleting it takes them along, as it takes the cases.
      expect(await graphs.deleteGraph('g')).toBe(true);
      expect(await testCases.get('g', 'case_1')).toBeNull();
    });
  });
});
