// RunStore on PostgreSQL: the same rows as SQLite's. An append is one transaction: the claim's fence (the control row
// locked FOR SHARE, so no claim can change hands until it commits), a compare-and-set UPDATE of the run on its
// event_count and last_hash, and the events' INSERT; a writer that lost the race finds no row to update and reloads.
import type { RunEvent, RunRecord, RunStatus } from '@baton/contracts';
import { isTerminalRunStatus } from '@baton/contracts';
import { type PgClient, type PgDb, transaction } from '../db/pg-database';
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

const UPDATE_RUN = `UPDATE runs SET status = $1, started_at = $2, ended_at = $3, usage = $4, spend = $5,
  model_calls = $6, event_count = $7, last_hash = $8, result = $9, error = $10, pending_escalations = $11
  WHERE id = $12 AND event_count = $13 AND last_hash IS NOT DISTINCT FROM $14`;

export function createPgRunStore({ pool }: PgDb, now: () => number = Date.now): RunStore {
  // Runs that took an event and have not ended, as this process last wrote them; a guess that the compare-and-set
  // checks, so another process appending to the run costs a reload, never a wrong row.
  const active = new Map<string, ActiveRun>();

  async function load(client: PgClient, runId: string): Promise<ActiveRun> {
    const { rows } = await client.query<RunRow>('SELECT * FROM runs WHERE id = $1 FOR UPDATE', [runId]);
    if (!rows[0]) throw new NotFoundError(`The run "${runId}"`, 'run_not_found');
    return activeFromRow(rows[0]);
  }

  async function write(client: PgClient, run: ActiveRun, events: readonly RunEvent[]): Promise<ActiveRun | false> {
    const next = planAppend(run, events);
    const { rowCount } = await client.query(UPDATE_RUN, [
      ...stateColumns(next),
      run.fixed.id,
      run.state.eventCount,
      run.state.lastHash,
    ]);
    if (!rowCount) return false;
    await client.query(
      `INSERT INTO run_events (run_id, seq, type, body)
       SELECT $1, * FROM unnest($2::integer[], $3::text[], $4::text[])`,
      [run.fixed.id, events.map((e) => e.seq), events.map((e) => e.type), events.map((e) => JSON.stringify(e))],
    );
    return next;
  }

  async function appendEvents(events: readonly RunEvent[], guard?: { owner: string }): Promise<RunRecord> {
    const runId = events[0]?.runId;
    if (runId === undefined) throw new Error('appendEvents needs at least one event.');
    let run: ActiveRun;
    try {
      run = await transaction(pool, async (client) => {
        if (guard !== undefined) {
          const { rows } = await client.query<{ owner: string | null }>(
            'SELECT owner FROM run_control WHERE run_id = $1 FOR SHARE',
            [runId],
          );
          if (rows[0]?.owner !== guard.owner) {
            throw new ConflictError(
              'claim_lost',
              `The run "${runId}" is no longer held by "${guard.owner}"; nothing was written.`,
            );
          }
        }
        const cached = active.get(runId);
        if (cached) {
          try {
            const next = await write(client, cached, events);
            if (next) return next;
          } catch (error) {
            // A refusal judged on memory alone is checked once more against the row below.
            if (!(error instanceof ConflictError)) throw error;
          }
          active.delete(runId);
        }
        const next = await write(client, await load(client, runId), events);
        if (!next) throw new Error(`The run "${runId}" changed while its events were being appended.`);
        return next;
      });
    } catch (error) {
      active.delete(runId);
      throw error;
    }
    if (isTerminalRunStatus(run.state.status)) active.delete(runId);
    else active.set(runId, run);
    return activeRecord(run);
  }

  const selectRun = async (id: string) => (await pool.query<RunRow>('SELECT * FROM runs WHERE id = $1', [id])).rows[0];

  return {
    async createRun(run) {
      const { rows } = await pool.query<RunRow>(
        `INSERT INTO runs (id, graph_id, graph_version, goal, input, budget, status, created_at, usage)
         VALUES ($1, $2, $3, $4, $5, $6, 'queued', $7, $8) RETURNING *`,
        [
          run.id,
          run.graphId,
          run.graphVersion,
          run.goal,
          run.input === null ? null : JSON.stringify(run.input),
          run.budget === null ? null : JSON.stringify(run.budget),
          now(),
          JSON.stringify(ZERO_USAGE),
        ],
      );
      return toRecord(rows[0]!);
    },
    async getRun(id) {
      const row = await selectRun(id);
      return row ? toRecord(row) : null;
    },
    async listRuns(graphId) {
      const { rows } = await pool.query<RunRow>(
        'SELECT * FROM runs WHERE graph_id = $1 ORDER BY created_at DESC, ord DESC',
        [graphId],
      );
      return rows.map(toSummary);
    },
    async listRunsWithStatus(statuses: readonly RunStatus[]) {
      if (statuses.length === 0) return [];
      const { rows } = await pool.query<RunRow>(
        'SELECT * FROM runs WHERE status = ANY($1::text[]) ORDER BY created_at, ord',
        [statuses],
      );
      return rows.map(toRecord);
    },
    async getRunBudget(id) {
      return budgetOf(await selectRun(id));
    },
    appendEvents,
    async readEvents(runId, afterSeq, limit = 1000) {
      const { rows } = await pool.query<{ body: string }>(
        'SELECT body FROM run_events WHERE run_id = $1 AND seq > $2 ORDER BY seq LIMIT $3',
        [runId, afterSeq, limit],
      );
      return rows.map((row) => JSON.parse(row.body) as RunEvent);
    },
    async readEventTexts(runId, afterSeq, limit = 1000) {
      const { rows } = await pool.query<StoredEventText>(
        'SELECT seq, type, body FROM run_events WHERE run_id = $1 AND seq > $2 ORDER BY seq LIMIT $3',
        [runId, afterSeq, limit],
      );
      return rows;
    },
  };
}
