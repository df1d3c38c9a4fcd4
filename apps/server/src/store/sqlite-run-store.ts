// RunStore on SQLite: runs are rows, events are append-only rows keyed by (run_id, seq), written with the run's update.
import type { ErrorInfo, JsonValue, RunEvent, RunRecord, RunStatus, RunSummary, Usage } from '@baton/contracts';
import type { Db } from '../db/database';
import { ConflictError, NotFoundError } from '../http/errors';
import { applyEvent, type RunState, ZERO_USAGE } from './run-state';
import type { RunStore } from './types';

interface RunRow {
  id: string;
  graph_id: string;
  graph_version: number;
  goal: string;
  input: string | null;
  budget: string | null;
  status: string;
  created_at: number;
  started_at: number | null;
  ended_at: number | null;
  usage: string;
  model_calls: number;
  event_count: number;
  last_hash: string | null;
  result: string | null;
  error: string | null;
  pending_escalations: string;
}

export function createSqliteRunStore(db: Db, now: () => number = Date.now): RunStore {
  const selectRun = db.prepare<[string], RunRow>('SELECT * FROM runs WHERE id = ?');
  const insertEvent = db.prepare('INSERT INTO run_events (run_id, seq, type, body) VALUES (?, ?, ?, ?)');
  const updateRun = db.prepare(
    `UPDATE runs SET status = ?, started_at = ?, ended_at = ?, usage = ?, model_calls = ?, event_count = ?,
       last_hash = ?, result = ?, error = ?, pending_escalations = ? WHERE id = ? AND event_count = ?`,
  );
  const selectEvents = db.prepare<[string, number, number], { body: string }>(
    'SELECT body FROM run_events WHERE run_id = ? AND seq > ? ORDER BY seq LIMIT ?',
  );

  const append = db.transaction((event: RunEvent): RunRecord => {
    const row = selectRun.get(event.runId);
    if (!row) throw new NotFoundError(`The run "${event.runId}"`, 'run_not_found');
    if (event.seq !== row.event_count + 1) {
      throw new ConflictError(
        'event_out_of_order',
        `Event ${event.seq} of run "${event.runId}" does not follow event ${row.event_count}.`,
      );
    }
    const state = applyEvent(toState(row), event);
    insertEvent.run(event.runId, event.seq, event.type, JSON.stringify(event));
    updateRun.run(
      state.status,
      state.startedAt,
      state.endedAt,
      JSON.stringify(state.usage),
      state.modelCalls,
      state.eventCount,
      state.lastHash,
      state.result === null ? null : JSON.stringify(state.result),
      state.error === null ? null : JSON.stringify(state.error),
      JSON.stringify(state.pendingEscalations),
      event.runId,
      row.event_count,
    );
    return toRecord(selectRun.get(event.runId)!);
  });

  return {
    async createRun(run) {
      db.prepare(
        `INSERT INTO runs (id, graph_id, graph_version, goal, input, budget, status, created_at, usage)
         VALUES (?, ?, ?, ?, ?, ?, 'queued', ?, ?)`,
      ).run(
        run.id,
        run.graphId,
        run.graphVersion,
        run.goal,
        run.input === null ? null : JSON.stringify(run.input),
        run.budget === null ? null : JSON.stringify(run.budget),
        now(),
        JSON.stringify(ZERO_USAGE),
      );
      return toRecord(selectRun.get(run.id)!);
    },
    async getRun(id) {
      const row = selectRun.get(id);
      return row ? toRecord(row) : null;
    },
    async listRuns(graphId) {
      return db
        .prepare<[string], RunRow>('SELECT * FROM runs WHERE graph_id = ? ORDER BY created_at DESC, rowid DESC')
        .all(graphId)
        .map(toSummary);
    },
    async listRunsWithStatus(statuses: readonly RunStatus[]) {
      if (statuses.length === 0) return [];
      const marks = statuses.map(() => '?').join(', ');
      return db
        .prepare<string[], RunRow>(`SELECT * FROM runs WHERE status IN (${marks}) ORDER BY created_at`)
        .all(...statuses)
        .map(toRecord);
    },
    async appendEvent(event) {
      return append(event);
    },
    async readEvents(runId, afterSeq, limit = 1000) {
      return selectEvents.all(runId, afterSeq, limit).map((row) => JSON.parse(row.body) as RunEvent);
    },
  };
}

function toState(row: RunRow): RunState {
  return {
    status: row.status as RunStatus,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    usage: JSON.parse(row.usage) as Usage,
    modelCalls: row.model_calls,
    eventCount: row.event_count,
    lastHash: row.last_hash,
    result: row.result === null ? null : (JSON.parse(row.result) as JsonValue),
    error: row.error === null ? null : (JSON.parse(row.error) as ErrorInfo),
    pendingEscalations: JSON.parse(row.pending_escalations) as string[],
  };
}

function toSummary(row: RunRow): RunSummary {
  const state = toState(row);
  return {
    id: row.id,
    graphId: row.graph_id,
    graphVersion: row.graph_version,
    goal: row.goal,
    status: state.status,
    createdAt: row.created_at,
    startedAt: state.startedAt,
    endedAt: state.endedAt,
    usage: state.usage,
    eventCount: state.eventCount,
    error: state.error,
  };
}

function toRecord(row: RunRow): RunRecord {
  const state = toState(row);
  return {
    ...toSummary(row),
    input: row.input === null ? null : (JSON.parse(row.input) as JsonValue),
    result: state.result,
    lastHash: state.lastHash,
    pendingEscalations: state.pendingEscalations,
  };
}
