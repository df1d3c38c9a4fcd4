// Test cases on SQLite, one row per case beside its graph. Writing one never touches the graph's row or its
// versions: a case is not a version of the graph.
import type { Db } from '../db/database';
import { NotFoundError } from '../errors';
import { type CaseRow, caseNameTaken, toCaseRecord, toCaseSummary } from './testcase-rows';
import type { TestCaseStore } from './types';

export function createSqliteTestCaseStore(db: Db, now: () => number = Date.now): TestCaseStore {
  const selectOne = db.prepare<[string, string], CaseRow>('SELECT * FROM test_cases WHERE graph_id = ? AND id = ?');
  const selectAll = db.prepare<[string], CaseRow>('SELECT * FROM test_cases WHERE graph_id = ? ORDER BY name');
  const insert = db.prepare(
    'INSERT INTO test_cases (id, graph_id, name, document, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const update = db.prepare(
    'UPDATE test_cases SET name = ?, document = ?, updated_at = ? WHERE graph_id = ? AND id = ?',
  );
  const remove = db.prepare<[string, string]>('DELETE FROM test_cases WHERE graph_id = ? AND id = ?');
  const graphExists = db.prepare<[string], { id: string }>('SELECT id FROM graphs WHERE id = ?');

  const requireGraph = (graphId: string) => {
    if (!graphExists.get(graphId)) throw new NotFoundError(`The graph "${graphId}"`, 'graph_not_found');
  };
  const nameTaken = (error: unknown, name: string) =>
    (error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE' ? caseNameTaken(name) : error;

  return {
    async list(graphId) {
      requireGraph(graphId);
      return selectAll.all(graphId).map(toCaseSummary);
    },
    async get(graphId, id) {
      const row = selectOne.get(graphId, id);
      return row ? toCaseRecord(row) : null;
    },
    async create(graphId, id, document) {
      requireGraph(graphId);
      const at = now();
      try {
        insert.run(id, graphId, document.name, JSON.stringify(document), at, at);
      } catch (error) {
        throw nameTaken(error, document.name);
      }
      return toCaseRecord(selectOne.get(graphId, id)!);
    },
    async replace(graphId, id, document) {
      requireGraph(graphId);
      let changes: number;
      try {
        changes = update.run(document.name, JSON.stringify(document), now(), graphId, id).changes;
      } catch (error) {
        throw nameTaken(error, document.name);
      }
      if (changes === 0) throw new NotFoundError(`The test case "${id}"`, 'test_case_not_found');
      return toCaseRecord(selectOne.get(graphId, id)!);
    },
    async delete(graphId, id) {
      return remove.run(graphId, id).changes > 0;
    },
  };
}
