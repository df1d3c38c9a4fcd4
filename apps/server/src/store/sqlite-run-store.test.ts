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

// What only SQLite has; the behaviour both stores share is in stores.test.ts.
describe('SQLite run store', () => {
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

  it('keeps appending right after an append inside a rolled-back outer transaction', async () => {
    const { runs, db } = await withRun(':memory:');
    const other = createSqliteRunStore(db);
    let chain: string | null = null;
    const next = (seq: number, body: RunEventBody = { type: 'run.waiting', escalationIds: [] }) => {
      const event = sealEvent(body, { runId: 'r', seq, at: 1000 + seq, previousChain: chain });
      chain = event.chain;
      return event;
    };
    await runs.appendEvents([next(1)]);
    await other.appendEvents([next(2)]);
    await runs.appendEvents([next(3)]);
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
});
