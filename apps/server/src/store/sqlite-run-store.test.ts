import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RunEventBody } from '@baton/contracts';
import { sealEvent } from '@baton/engine';
import { afterEach, describe, expect, it } from 'vitest';
import { agentGraph } from '../../test/documents';
import { openDatabase, schemaVersion } from '../db/database';
import { MIGRATIONS } from '../db/migrations';
import { createSqliteGraphStore } from './sqlite-graph-store';
import { createSqliteRunStore } from './sqlite-run-store';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const ZERO = { inputTokens: 0, outputTokens: 0, totalTokens: 0 };

async function withRun(dataDir: string | ':memory:') {
  const db = openDatabase(dataDir);
  const graphs = createSqliteGraphStore(db);
  const runs = createSqliteRunStore(db);
  await graphs.createGraph('g', agentGraph('g') as never);
  const version = await graphs.versionOfDraft('g');
  await runs.createRun({ id: 'r', graphId: 'g', graphVersion: version.version, goal: 'go', input: null, budget: null });
  let chain: string | null = null;
  let seq = 0;
  const append = (body: RunEventBody) => {
    const event = sealEvent(body, { runId: 'r', seq: ++seq, at: 1000 + seq, previousChain: chain });
    chain = event.chain;
    return runs.appendEvents([event]);
  };
  return { db, graphs, runs, append };
}

describe('SQLite run store', () => {
  it('applies each event to the run row in the same transaction: status, counters, chain hash', async () => {
    const { runs, append, db } = await withRun(':memory:');
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
    const started = await runs.getRun('r');
    expect(started).toMatchObject({ status: 'running', startedAt: 1001, eventCount: 1 });
    const contract = { name: 'c', schema: {}, requiredConfidence: 0.5, onLowConfidence: 'escalate' as const };
    const ref = { actionId: 'a', parentActionId: null, stepKey: null };
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
    const last = await append({ type: 'run.completed', result: { ok: true }, usage: ZERO, modelCalls: 2, activeMs: 9 });
    expect(last).toMatchObject({ status: 'completed', result: { ok: true }, endedAt: 1005, eventCount: 5 });
    expect((await runs.readEvents('r', 3)).map((e) => e.seq)).toEqual([4, 5]);
    expect(last.lastHash).toBe((await runs.readEvents('r', 4))[0]!.chain);
    db.close();
  });

  it('refuses an event out of order and writes nothing', async () => {
    const { runs, db } = await withRun(':memory:');
    const event = sealEvent(
      { type: 'run.interrupted', reason: 'x' },
      { runId: 'r', seq: 2, at: 1, previousChain: null },
    );
    await expect(runs.appendEvents([event])).rejects.toThrow(/does not follow/);
    expect(await runs.readEvents('r', 0)).toEqual([]);
    expect((await runs.getRun('r'))?.eventCount).toBe(0);
    db.close();
  });

  it('appends a batch in one transaction: all of it, or nothing when one event is out of order', async () => {
    const { runs, db } = await withRun(':memory:');
    let chain: string | null = null;
    const seal = (seq: number, body: RunEventBody) => {
      const event = sealEvent(body, { runId: 'r', seq, at: 1000 + seq, previousChain: chain });
      chain = event.chain;
      return event;
    };
    const ref = { actionId: 'a', parentActionId: null, stepKey: null };
    const first = [
      seal(1, { type: 'run.waiting', escalationIds: [] }),
      seal(2, { type: 'action.delta', ...ref, text: 'hello' }),
    ];
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
    db.close();
  });

  it('migrates a new file to the latest schema and keeps data across reopening', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-db-'));
    dirs.push(dir);
    const first = await withRun(dir);
    await first.append({ type: 'run.interrupted', reason: 'stop' });
    expect(schemaVersion(first.db)).toBe(MIGRATIONS.at(-1)!.version);
    expect(first.db.pragma('journal_mode', { simple: true })).toBe('wal');
    first.db.close();

    const db = openDatabase(dir);
    const runs = createSqliteRunStore(db);
    expect(await runs.getRun('r')).toMatchObject({ status: 'interrupted', eventCount: 1 });
    db.close();
    const newer = openDatabase(dir, [
      ...MIGRATIONS,
      { version: 99, name: 'later', sql: 'CREATE TABLE later (x INTEGER)' },
    ]);
    expect(schemaVersion(newer)).toBe(99);
    newer.close();
    expect(() => openDatabase(dir)).toThrow(/newer than this server knows/);
  });

  it('reads events as their stored JSON text, the same events readEvents parses', async () => {
    const { runs, append, db } = await withRun(':memory:');
    const ref = { actionId: 'a', parentActionId: null, stepKey: null };
    await append({ type: 'action.delta', ...ref, text: 'one\ntwo "quoted"' });
    await append({ type: 'run.interrupted', reason: 'stop' });
    const texts = await runs.readEventTexts('r', 0);
    expect(texts.map((t) => [t.seq, t.type])).toEqual([
      [1, 'action.delta'],
      [2, 'run.interrupted'],
    ]);
    expect(texts.map((t) => JSON.parse(t.body))).toEqual(await runs.readEvents('r', 0));
    expect(texts.every((t) => !/[\r\n]/.test(t.body))).toBe(true);
    expect((await runs.readEventTexts('r', 1, 5)).map((t) => t.seq)).toEqual([2]);
    db.close();
  });

  it('keeps appending right when the row moved behind its back: another store, a rolled-back transaction', async () => {
    const { runs, db } = await withRun(':memory:');
    const other = createSqliteRunStore(db);
    let chain: string | null = null;
    const next = (seq: number, body: RunEventBody = { type: 'run.waiting', escalationIds: [] }) => {
      const event = sealEvent(body, { runId: 'r', seq, at: 1000 + seq, previousChain: chain });
      chain = event.chain;
      return event;
    };
    await runs.appendEvents([next(1)]);
    await other.appendEvents([next(2)]); // `runs` still holds the run at event 1
    expect(await runs.appendEvents([next(3)])).toMatchObject({ eventCount: 3, lastHash: chain });
    const stale = sealEvent(
      { type: 'run.waiting', escalationIds: [] },
      { runId: 'r', seq: 3, at: 1, previousChain: null },
    );
    await expect(other.appendEvents([stale])).rejects.toThrow(/does not follow event 3/);

    // An append inside an outer transaction that rolls back leaves memory ahead of the row, at the same count as
    // the row once another store appends: only the chain hash tells the two states apart.
    const kept = chain;
    const contract = { name: 'c', schema: {}, requiredConfidence: 0.5, onLowConfidence: 'escalate' as const };
    const rolledBack = next(4, {
      type: 'escalation.requested',
      ...{ actionId: 'a', parentActionId: null, stepKey: null },
      escalationId: 'e1',
      edgeId: 'x',
      sourceId: 's',
      targetId: 't',
      contract,
      payload: {},
      confidence: 0.1,
      reason: 'low',
    });
    expect(() =>
      db.transaction(() => {
        void runs.appendEvents([rolledBack]);
        throw new Error('roll back');
      })(),
    ).toThrow('roll back');
    expect(await runs.getRun('r')).toMatchObject({ eventCount: 3, lastHash: kept, pendingEscalations: [] });
    chain = kept;
    await other.appendEvents([next(4)]);
    const fifth = next(5);
    expect(await runs.appendEvents([fifth])).toMatchObject({
      eventCount: 5,
      lastHash: fifth.chain,
      pendingEscalations: [],
    });
    expect(await runs.getRun('r')).toMatchObject({ eventCount: 5, lastHash: fifth.chain, pendingEscalations: [] });
    const last = next(6, { type: 'run.interrupted', reason: 'stop' });
    expect(await runs.appendEvents([last])).toEqual(await runs.getRun('r'));
    expect((await runs.readEvents('r', 0)).map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    db.close();
  });

  it('keeps the tokens per model of a run, and the run-level spend survives the terminal totals', async () => {
    const { runs, append, db } = await withRun(':memory:');
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
    const usage = { inputTokens: 60, outputTokens: 3, totalTokens: 63 };
    await append({ type: 'run.completed', result: 'x', usage, modelCalls: 3, activeMs: 1 });
    const [summary] = await runs.listRuns('g');
    expect(summary?.spend).toEqual({
      simulated: null,
      byModel: {
        'gpt-4.1-mini': { inputTokens: 40, outputTokens: 2, totalTokens: 42 },
        'gpt-4.1': { inputTokens: 20, outputTokens: 1, totalTokens: 21 },
      },
    });
    db.close();
  });

  it('reads runs stored before runs kept their spend: tokens per model unknown, nothing invented', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-db-'));
    dirs.push(dir);
    const old = openDatabase(dir, MIGRATIONS.slice(0, 1));
    old
      .prepare(
        `INSERT INTO graphs (id, name, description, draft, draft_revision, created_at, updated_at)
         VALUES ('g', 'G', '', '{}', 0, 1, 1)`,
      )
      .run();
    old
      .prepare(
        `INSERT INTO runs (id, graph_id, graph_version, goal, status, created_at, usage)
         VALUES ('r', 'g', 1, 'an old goal', 'completed', 1, '{"inputTokens":5,"outputTokens":5,"totalTokens":10}')`,
      )
      .run();
    old.close();
    const db = openDatabase(dir);
    expect(await createSqliteRunStore(db).getRun('r')).toMatchObject({
      goal: 'an old goal',
      usage: { totalTokens: 10 },
      spend: { simulated: null, byModel: {} },
    });
    db.close();
  });

  it('returns from each append the record getRun reads back', async () => {
    const { runs, append, db } = await withRun(':memory:');
    const ref = { actionId: 'a', parentActionId: null, stepKey: null };
    const records = [
      await append({ type: 'run.waiting', escalationIds: [] }),
      await append({
        type: 'action.completed',
        ...ref,
        output: 'x',
        usage: { inputTokens: 1, outputTokens: 2, totalTokens: 3 },
        model: 'm',
        durationMs: 1,
      }),
      await append({ type: 'run.failed', error: { code: 'x', message: 'y' }, usage: ZERO, modelCalls: 1, activeMs: 1 }),
    ];
    expect(records[1]).toMatchObject({ usage: { inputTokens: 1, outputTokens: 2, totalTokens: 3 } });
    expect(records.at(-1)).toEqual(await runs.getRun('r'));
    db.close();
  });
});
