// RunRequests on PostgreSQL: cancels, resumes, the nonce and the trace context as columns of run_control, each one upsert (so the row
// appears on first use, as in SQLite); decisions as rows keyed by escalation, the first one kept.
import type { EscalationResolution } from '@baton/engine';
import type { PgDb } from '../db/pg-database';
import type { RunRequests } from './types';

export function createPgRunRequests({ pool }: PgDb, now: () => number = Date.now): RunRequests {
  const control = async (runId: string) =>
    (
      await pool.query<{ cancel_reason: string | null; resume_requested: number }>(
        'SELECT cancel_reason, resume_requested FROM run_control WHERE run_id = $1',
        [runId],
      )
    ).rows[0];

  return {
    async requestCancel(runId, reason) {
      await pool.query(
        `INSERT INTO run_control (run_id, cancel_reason) VALUES ($1, $2)
         ON CONFLICT (run_id) DO UPDATE SET cancel_reason = coalesce(run_control.cancel_reason, excluded.cancel_reason)`,
        [runId, reason],
      );
    },
    async cancelRequest(runId) {
      return (await control(runId))?.cancel_reason ?? null;
    },
    async requestResume(runId) {
      const { rowCount } = await pool.query(
        `INSERT INTO run_control (run_id, resume_requested) VALUES ($1, 1)
         ON CONFLICT (run_id) DO UPDATE SET resume_requested = 1 WHERE run_control.resume_requested = 0`,
        [runId],
      );
      return (rowCount ?? 0) > 0;
    },
    async resumeRequested(runId) {
      return (await control(runId))?.resume_requested === 1;
    },
    async clearResumeRequest(runId) {
      await pool.query('UPDATE run_control SET resume_requested = 0 WHERE run_id = $1', [runId]);
    },
    async recordDecision(runId, escalationId, resolution) {
      const { rowCount } = await pool.query(
        `INSERT INTO run_decisions (run_id, escalation_id, resolution, decided_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING`,
        [runId, escalationId, JSON.stringify(resolution), now()],
      );
      return (rowCount ?? 0) > 0;
    },
    async decision(runId, escalationId) {
      const { rows } = await pool.query<{ resolution: string }>(
        'SELECT resolution FROM run_decisions WHERE run_id = $1 AND escalation_id = $2',
        [runId, escalationId],
      );
      return rows[0] ? (JSON.parse(rows[0].resolution) as EscalationResolution) : null;
    },
    async nonce(runId, fresh) {
      const { rows } = await pool.query<{ nonce: string }>(
        `INSERT INTO run_control (run_id, nonce) VALUES ($1, $2)
         ON CONFLICT (run_id) DO UPDATE SET nonce = coalesce(run_control.nonce, excluded.nonce) RETURNING nonce`,
        [runId, fresh()],
      );
      return rows[0]!.nonce;
    },
    async setTraceParent(runId, traceparent) {
      await pool.query(
        `INSERT INTO run_control (run_id, traceparent) VALUES ($1, $2)
         ON CONFLICT (run_id) DO UPDATE SET traceparent = excluded.traceparent`,
        [runId, traceparent],
      );
    },
    async traceParent(runId) {
      const { rows } = await pool.query<{ traceparent: string | null }>(
        'SELECT traceparent FROM run_control WHERE run_id = $1',
        [runId],
      );
      return rows[0]?.traceparent ?? null;
    },
  };
}
