// Test cases on PostgreSQL: the same rows as SQLite's (testcase-rows.ts). The graph's existence is checked in the
// statement that writes, so a case never outlives a graph deleted by another process at the same moment (the foreign
// key refuses it, and that reads as the graph not found).
import type { PgDb } from '../db/pg-database';
import { NotFoundError } from '../errors';
import { type CaseRow, caseNameTaken, toCaseRecord, toCaseSummary } from './testcase-rows';
import type { TestCaseStore } from './types';

/** PostgreSQL's SQLSTATEs this store tells apart. */
const UNIQUE_VIOLATION = '23505';
const FOREIGN_KEY_VIOLATION = '23503';

export function createPgTestCaseStore({ pool }: PgDb, now: () => number = Date.now): TestCaseStore {
  const graphNotFound = (graphId: string) => new NotFoundError(`The graph "${graphId}"`, 'graph_not_found');
  const requireGraph = async (graphId: string) => {
    const { rowCount } = await pool.query('SELECT 1 FROM graphs WHERE id = $1', [graphId]);
    if (!rowCount) throw graphNotFound(graphId);
  };
  const translate = (error: unknown, graphId: string, name: string) => {
    const code = (error as { code?: string }).code;
    if (code === UNIQUE_VIOLATION) return caseNameTaken(name);
    if (code === FOREIGN_KEY_VIOLATION) return graphNotFound(graphId);
    return error;
  };

  return {
    async list(graphId) {
      await requireGraph(graphId);
      const { rows } = await pool.query<CaseRow>('SELECT * FROM test_cases WHERE graph_id = $1 ORDER BY name', [
        graphId,
      ]);
      return rows.map(toCaseSummary);
    },
    async get(graphId, id) {
      const { rows } = await pool.query<CaseRow>('SELECT * FROM test_cases WHERE graph_id = $1 AND id = $2', [
        graphId,
        id,
      ]);
      return rows[0] ? toCaseRecord(rows[0]) : null;
    },
    async create(graphId, id, document) {
      const at = now();
      try {
        const { rows } = await pool.query<CaseRow>(
          `INSERT INTO test_cases (id, graph_id, name, document, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $5) RETURNING *`,
          [id, graphId, document.name, JSON.stringify(document), at],
        );
        return toCaseRecord(rows[0]!);
      } catch (error) {
        throw translate(error, graphId, document.name);
      }
    },
    async replace(graphId, id, document) {
      await requireGraph(graphId);
      let rows: CaseRow[];
      try {
        ({ rows } = await pool.query<CaseRow>(
          `UPDATE test_cases SET name = $1, document = $2, updated_at = $3 WHERE graph_id = $4 AND id = $5
           RETURNING *`,
          [document.name, JSON.stringify(document), now(), graphId, id],
        ));
      } catch (error) {
        throw translate(error, graphId, document.name);
      }
      if (!rows[0]) throw new NotFoundError(`The test case "${id}"`, 'test_case_not_found');
      return toCaseRecord(rows[0]);
    },
    async delete(graphId, id) {
      const { rowCount } = await pool.query('DELETE FROM test_cases WHERE graph_id = $1 AND id = $2', [graphId, id]);
      return (rowCount ?? 0) > 0;
    },
  };
}
