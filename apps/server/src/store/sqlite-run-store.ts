// RunStore on SQLite: runs are rows, events are append-only rows keyed by (run_id, seq), written with the run's update.
import type { RunEvent, RunRecord, RunStatus } from '@baton/contracts';
import { isTerminalRunStatus } from '@baton/contracts';
import type { Db } from '../db/database';
import { ConflictError, NotFoundError } from '../errors';
import {
  type ActiveRun,
  activeFromRow,
  activeRecord,
  budgetOf,
  planAppend,
  type RunRow,
  stateColumns,
  toRecord,
  toSummary,
} from './run-rows';
import { ZERO_USAGE } from './run-state';
import type { RunStore, StoredEventText } from './types';

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
    return activeFromRow(row);
  }

  /** Writes the events and the run's state after them (one UPDATE); false when the row is not in `run`'s state. */
  function write(run: ActiveRun, events: readonly RunEvent[]): ActiveRun | false {
    const next = planAppend(run, events);
    const changed = updateRun.run(
      ...stateColumns(next),
      run.fixed.id,
      run.state.eventCount,
      run.state.lastHash,
    ).changes;
    if (changed === 0) return false;
    for (const event of events) insertEvent.run(event.runId, event.seq, event.type, JSON.stringify(event));
    return next;
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
      return budgetOf(selectRun.get(id));
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
