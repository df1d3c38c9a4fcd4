// RunClaims on SQLite: the lease lives in run_control; a claim is one conditional upsert, so it is a compare-and-set.
import type { Db } from '../db/database';
import type { RunClaims, UnfinishedRun } from './types';

export function createSqliteRunClaims(db: Db, now: () => number = Date.now): RunClaims {
  // The WHERE of the upsert is the compare: free, expired, already ours, or held by an owner known to be dead.
  const claim = db.prepare<[{ runId: string; owner: string; until: number; now: number; steal: string | null }]>(
    `INSERT INTO run_control (run_id, owner, lease_until) VALUES (@runId, @owner, @until)
     ON CONFLICT(run_id) DO UPDATE SET owner = excluded.owner, lease_until = excluded.lease_until
     WHERE run_control.owner IS NULL OR run_control.lease_until < @now OR run_control.owner = excluded.owner
       OR run_control.owner IS @steal`,
  );
  const renew = db.prepare<[number, string, string]>(
    'UPDATE run_control SET lease_until = ? WHERE run_id = ? AND owner = ?',
  );
  const release = db.prepare<[string, string]>(
    'UPDATE run_control SET owner = NULL, lease_until = NULL WHERE run_id = ? AND owner = ?',
  );
  const unfinished = db.prepare<[], { id: string; owner: string | null; lease_until: number | null }>(
    `SELECT r.id, c.owner, c.lease_until FROM runs r LEFT JOIN run_control c ON c.run_id = r.id
     WHERE r.status IN ('queued', 'running', 'waiting') OR c.resume_requested = 1
     ORDER BY r.created_at, r.rowid`,
  );
  const holder = db.prepare<[string, number], { owner: string }>(
    'SELECT owner FROM run_control WHERE run_id = ? AND owner IS NOT NULL AND lease_until >= ?',
  );
  // A claim of a run that no longer exists must not leave a row behind (the foreign key refuses it anyway).
  const exists = db.prepare<[string], { one: number }>('SELECT 1 AS one FROM runs WHERE id = ?');

  return {
    async claim(runId, owner, leaseMs, stealFrom) {
      if (!exists.get(runId)) return false;
      const at = now();
      return claim.run({ runId, owner, until: at + leaseMs, now: at, steal: stealFrom ?? null }).changes > 0;
    },
    async renew(runId, owner, leaseMs) {
      return renew.run(now() + leaseMs, runId, owner).changes > 0;
    },
    async release(runId, owner) {
      release.run(runId, owner);
    },
    async unfinished(): Promise<UnfinishedRun[]> {
      return unfinished.all().map((row) => ({ runId: row.id, owner: row.owner, leaseUntil: row.lease_until }));
    },
    async holder(runId) {
      return holder.get(runId, now())?.owner ?? null;
    },
  };
}
