// RunClaims on PostgreSQL: the lease lives in run_control; a claim is one conditional upsert, so it is a
// compare-and-set, and Postgres's row lock makes two processes claiming at once see each other's write.
// Times come from this process's clock (as with SQLite), so machines sharing a database need synchronised clocks.
import type { PgDb } from '../db/pg-database';
import type { RunClaims, UnfinishedRun } from './types';

const FOREIGN_KEY_VIOLATION = '23503';

export function createPgRunClaims({ pool }: PgDb, now: () => number = Date.now): RunClaims {
  return {
    async claim(runId, owner, leaseMs, stealFrom) {
      const at = now();
      try {
        // The WHERE of the upsert is the compare: free, expired, already ours, or held by an owner known to be dead.
        // A run that does not exist inserts nothing (the SELECT finds no run).
        const { rowCount } = await pool.query(
          `INSERT INTO run_control (run_id, owner, lease_until)
           SELECT id, $2, $3 FROM runs WHERE id = $1
           ON CONFLICT (run_id) DO UPDATE SET owner = excluded.owner, lease_until = excluded.lease_until
           WHERE run_control.owner IS NULL OR run_control.lease_until < $4 OR run_control.owner = excluded.owner
             OR run_control.owner = $5`,
          [runId, owner, at + leaseMs, at, stealFrom ?? null],
        );
        return (rowCount ?? 0) > 0;
      } catch (error) {
        // The run was deleted between the SELECT and the INSERT.
        if ((error as { code?: string }).code === FOREIGN_KEY_VIOLATION) return false;
        throw error;
      }
    },
    async renew(runId, owner, leaseMs) {
      const { rowCount } = await pool.query(
        'UPDATE run_control SET lease_until = $1 WHERE run_id = $2 AND owner = $3',
        [now() + leaseMs, runId, owner],
      );
      return (rowCount ?? 0) > 0;
    },
    async release(runId, owner) {
      await pool.query('UPDATE run_control SET owner = NULL, lease_until = NULL WHERE run_id = $1 AND owner = $2', [
        runId,
        owner,
      ]);
    },
    async unfinished(): Promise<UnfinishedRun[]> {
      const { rows } = await pool.query<{ id: string; owner: string | null; lease_until: number | null }>(
        `SELECT r.id, c.owner, c.lease_until FROM runs r LEFT JOIN run_control c ON c.run_id = r.id
         WHERE r.status IN ('queued', 'running', 'waiting') OR c.resume_requested = 1
         ORDER BY r.created_at, r.ord`,
      );
      return rows.map((row) => ({ runId: row.id, owner: row.owner, leaseUntil: row.lease_until }));
    },
    async holder(runId) {
      const { rows } = await pool.query<{ owner: string }>(
        'SELECT owner FROM run_control WHERE run_id = $1 AND owner IS NOT NULL AND lease_until >= $2',
        [runId, now()],
      );
      return rows[0]?.owner ?? null;
    },
  };
}
