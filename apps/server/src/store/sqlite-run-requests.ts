// RunRequests on SQLite: cancels and resumes as columns of run_control, decisions as rows keyed by escalation.
import type { EscalationResolution } from '@baton/engine';
import type { Db } from '../db/database';
import type { RunRequests } from './types';

export function createSqliteRunRequests(db: Db, now: () => number = Date.now): RunRequests {
  const ensure = db.prepare<[string]>('INSERT INTO run_control (run_id) VALUES (?) ON CONFLICT(run_id) DO NOTHING');
  const setCancel = db.prepare<[string, string]>(
    'UPDATE run_control SET cancel_reason = coalesce(cancel_reason, ?) WHERE run_id = ?',
  );
  const control = db.prepare<
    [string],
    { cancel_reason: string | null; resume_requested: number; nonce: string | null }
  >('SELECT cancel_reason, resume_requested, nonce FROM run_control WHERE run_id = ?');
  const askResume = db.prepare<[string]>(
    'UPDATE run_control SET resume_requested = 1 WHERE run_id = ? AND resume_requested = 0',
  );
  const clearResume = db.prepare<[string]>('UPDATE run_control SET resume_requested = 0 WHERE run_id = ?');
  const insertDecision = db.prepare<[string, string, string, number]>(
    `INSERT INTO run_decisions (run_id, escalation_id, resolution, decided_at) VALUES (?, ?, ?, ?)
     ON CONFLICT DO NOTHING`,
  );
  const selectDecision = db.prepare<[string, string], { resolution: string }>(
    'SELECT resolution FROM run_decisions WHERE run_id = ? AND escalation_id = ?',
  );
  const setTraceParent = db.prepare<[string, string]>('UPDATE run_control SET traceparent = ? WHERE run_id = ?');
  const selectTraceParent = db.prepare<[string], { traceparent: string | null }>(
    'SELECT traceparent FROM run_control WHERE run_id = ?',
  );
  const setNonce = db.prepare<[string, string]>('UPDATE run_control SET nonce = coalesce(nonce, ?) WHERE run_id = ?');

  const withRow = <A extends unknown[], R>(fn: (runId: string, ...rest: A) => R) =>
    db.transaction((runId: string, ...rest: A): R => {
      ensure.run(runId);
      return fn(runId, ...rest);
    });
  const cancel = withRow((runId: string, reason: string) => setCancel.run(reason, runId));
  const resume = withRow((runId: string) => askResume.run(runId).changes > 0);
  const traceParent = withRow((runId: string, value: string) => setTraceParent.run(value, runId));
  const nonce = withRow((runId: string, fresh: string) => {
    setNonce.run(fresh, runId);
    return control.get(runId)!.nonce!;
  });

  return {
    async requestCancel(runId, reason) {
      cancel(runId, reason);
    },
    async cancelRequest(runId) {
      return control.get(runId)?.cancel_reason ?? null;
    },
    async requestResume(runId) {
      return resume(runId);
    },
    async resumeRequested(runId) {
      return control.get(runId)?.resume_requested === 1;
    },
    async clearResumeRequest(runId) {
      clearResume.run(runId);
    },
    async recordDecision(runId, escalationId, resolution) {
      return insertDecision.run(runId, escalationId, JSON.stringify(resolution), now()).changes > 0;
    },
    async decision(runId, escalationId) {
      const row = selectDecision.get(runId, escalationId);
      return row ? (JSON.parse(row.resolution) as EscalationResolution) : null;
    },
    async nonce(runId, fresh) {
      return nonce(runId, fresh());
    },
    async setTraceParent(runId, value) {
      traceParent(runId, value);
    },
    async traceParent(runId) {
      return selectTraceParent.get(runId)?.traceparent ?? null;
    },
  };
}
