// RunStore on SQLite: runs are rows, events are append-only rows keyed by (run_id, seq), written with the run's update.
import type {
  Budget,
  ErrorInfo,
  JsonValue,
  RunEvent,
  RunRecord,
  RunSpend,
  RunStatus,
  RunSummary,
  Usage,
} from '@baton/contracts';
import { isTerminalRunStatus } from '@baton/contracts';
import type { Db } from '../db/database';
import { ConflictError, NotFoundError } from '../errors';
import { applyEvent, type RunState, ZERO_USAGE } from './run-state';
import type { RunStore, StoredEventText } from './types';

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
  spend: string;
  model_calls: number;
  event_count: number;
  last_hash: string | null;
  result: string | null;
  error: string | null;
  pending_escalations: string;
}

/**
 * What an append needs of a run that is taking events, kept in memory so that an append is one INSERT and one
 * UPDATE: the run's fixed fields, its state, and the JSON text of each state field (re-serialised only on change).
 */
interface ActiveRun {
  fixed: Pick<RunRecord, 'id' | 'graphId' | 'graphVersion' | 'goal' | 'createdAt' | 'input'>;
  state: RunState;
  texts: { usage: string; spend: string; result: string | null; error: string | null; pendingEscalations: string };
}

export function createSqliteRunStore(db: Db, now: () => number = Date.now): RunStore {
  const selectRun = db.prepare<[string], RunRow>('SELECT * FROM runs WHERE id = ?');
  const insertRun = db.prepare(
    `INSERT INTO runs (id, graph_id, graph_version, goal, input, budget, status, created_at, usage)
     VALUES (?, ?, ?, ?, ?, ?, 'queued', ?, ?)`,
  );
  const insertEvent = db.prepare('INSERT INTO run_events (run_id, seq, type, body) VALUES (?, ?, ?, ?)');
  // The WHERE on event_count and last_hash proves the in-memory state is the row's: if another writer (or a rolled
  // back outer transaction) moved the row, nothing changes and the append reloads the row.
  const updateRun = db.prepare(
    `UPDATE runs SET status = ?, started_at = ?, ended_at = ?, usage = ?, spend = ?, model_calls = ?, event_count = ?,
       last_hash = ?, result = ?, error = ?, pending_escalations = ? WHERE id = ? AND event_count = ? AND last_hash IS ?`,
  );
  const selectEvents = db.prepare<[string, number, number], { body: string }>(
    'SELECT body FROM run_events WHERE run_id = ? AND seq > ? ORDER BY seq LIMIT ?',
  );
  const selectEventTexts = db.prepare<[string, number, number], StoredEventText>(
    'SELECT seq, type, body FROM run_events WHERE run_id = ? AND seq > ? ORDER BY seq LIMIT ?',
  );

  // Runs that took an event and have not ended; a run that ends leaves, one that resumes is loaded again.
  const active = new Map<string, ActiveRun>();

  function load(runId: string): ActiveRun {
    const row = selectRun.get(runId);
    if (!row) throw new NotFoundError(`The run "${runId}"`, 'run_not_found');
    const record = toRecord(row);
    return {
      fixed: {
        id: record.id,
        graphId: record.graphId,
        graphVersion: record.graphVersion,
        goal: record.goal,
        createdAt: record.createdAt,
        input: record.input,
      },
      state: toState(row),
      texts: {
        usage: row.usage,
        spend: row.spend,
        result: row.result,
        error: row.error,
        pendingEscalations: row.pending_escalations,
      },
    };
  }

  /**
   * Writes the events and the run's state after the last of them (one UPDATE for the whole batch); false when the
   * row is not in the state `run` holds.
   */
  function write(run: ActiveRun, events: readonly RunEvent[]): ActiveRun | false {
    const before = run.state;
    let state = before;
    for (const event of events) {
      if (event.runId !== run.fixed.id) {
        throw new Error(`One append mixes the runs "${run.fixed.id}" and "${event.runId}".`);
      }
      if (event.seq !== state.eventCount + 1) {
        throw new ConflictError(
          'event_out_of_order',
          `Event ${event.seq} of run "${event.runId}" does not follow event ${state.eventCount}.`,
        );
      }
      state = applyEvent(state, event);
    }
    // applyEvent keeps a field's object when it did not change, so most appends serialise none of them.
    const texts = {
      usage: state.usage === before.usage ? run.texts.usage : JSON.stringify(state.usage),
      spend: state.spend === before.spend ? run.texts.spend : JSON.stringify(state.spend),
      result:
        state.result === before.result ? run.texts.result : state.result === null ? null : JSON.stringify(state.result),
      error: state.error === before.error ? run.texts.error : state.error === null ? null : JSON.stringify(state.error),
      pendingEscalations:
        state.pendingEscalations === before.pendingEscalations
          ? run.texts.pendingEscalations
          : JSON.stringify(state.pendingEscalations),
    };
    const changed = updateRun.run(
      state.status,
      state.startedAt,
      state.endedAt,
      texts.usage,
      texts.spend,
      state.modelCalls,
      state.eventCount,
      state.lastHash,
      texts.result,
      texts.error,
      texts.pendingEscalations,
      run.fixed.id,
      before.eventCount,
      before.lastHash,
    ).changes;
    if (changed === 0) return false;
    for (const event of events) insertEvent.run(event.runId, event.seq, event.type, JSON.stringify(event));
    return { fixed: run.fixed, state, texts };
  }

  const holderOf = db.prepare<[string], { owner: string | null }>('SELECT owner FROM run_control WHERE run_id = ?');

  const append = db.transaction((runId: string, events: readonly RunEvent[], owner: string | undefined): ActiveRun => {
    // The fence: a process whose claim was taken over (it stalled past its lease) can write nothing more.
    if (owner !== undefined && holderOf.get(runId)?.owner !== owner) {
      throw new ConflictError('claim_lost', `The run "${runId}" is no longer held by "${owner}"; nothing was written.`);
    }
    const cached = active.get(runId);
    if (cached) {
      try {
        const next = write(cached, events);
        if (next) return next;
      } catch (error) {
        // A refusal judged on memory alone is checked once more against the row below.
        if (!(error instanceof ConflictError)) throw error;
      }
      active.delete(runId);
    }
    const next = write(load(runId), events);
    if (!next) throw new Error(`The run "${runId}" changed while its events were being appended.`);
    return next;
  });

  async function appendEvents(events: readonly RunEvent[], guard?: { owner: string }): Promise<RunRecord> {
    const runId = events[0]?.runId;
    if (runId === undefined) throw new Error('appendEvents needs at least one event.');
    let run: ActiveRun;
    try {
      run = append(runId, events, guard?.owner);
    } catch (error) {
      active.delete(runId);
      throw error;
    }
    if (isTerminalRunStatus(run.state.status)) active.delete(runId);
    else active.set(runId, run);
    return activeRecord(run);
  }

  return {
    async createRun(run) {
      insertRun.run(
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
    async getRunBudget(id) {
      const row = selectRun.get(id);
      return row?.budget ? (JSON.parse(row.budget) as Budget) : null;
    },
    appendEvents,
    async readEvents(runId, afterSeq, limit = 1000) {
      return selectEvents.all(runId, afterSeq, limit).map((row) => JSON.parse(row.body) as RunEvent);
    },
    async readEventTexts(runId, afterSeq, limit = 1000) {
      return selectEventTexts.all(runId, afterSeq, limit);
    },
  };
}

function activeRecord({ fixed, state }: ActiveRun): RunRecord {
  return {
    id: fixed.id,
    graphId: fixed.graphId,
    graphVersion: fixed.graphVersion,
    goal: fixed.goal,
    status: state.status,
    createdAt: fixed.createdAt,
    startedAt: state.startedAt,
    endedAt: state.endedAt,
    usage: state.usage,
    spend: state.spend,
    eventCount: state.eventCount,
    error: state.error,
    input: fixed.input,
    result: state.result,
    lastHash: state.lastHash,
    pendingEscalations: state.pendingEscalations,
  };
}

function toState(row: RunRow): RunState {
  return {
    status: row.status as RunStatus,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    usage: JSON.parse(row.usage) as Usage,
    spend: JSON.parse(row.spend) as RunSpend,
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
    spend: state.spend,
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
