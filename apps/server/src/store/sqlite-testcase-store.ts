// Test cases on SQLite, one row per case beside its graph. Writing one never touches the graph's row or its
// versions: a case is not a version of the graph.
import { TestCase, type TestCaseRecord, type TestCaseSummary } from '@baton/contracts';
import type { Db } from '../db/database';
import { ConflictError, NotFoundError } from '../errors';

interface CaseRow {
  id: string;
  graph_id: string;
  name: string;
  document: string;
  created_at: number;
  updated_at: number;
}

/** Async like the other stores, so a networked database can implement it without touching the routes. */
export interface TestCaseStore {
  list(graphId: string): Promise<TestCaseSummary[]>;
  get(graphId: string, id: string): Promise<TestCaseRecord | null>;
  /** A new case; its name must be free in the graph (409 `test_case_name_taken`). */
  create(graphId: string, id: string, document: TestCase): Promise<TestCaseRecord>;
  /** Replaces a case's document (its assertions edited, a new recording). */
  replace(graphId: string, id: string, document: TestCase): Promise<TestCaseRecord>;
  delete(graphId: string, id: string): Promise<boolean>;
}

export function createSqliteTestCaseStore(db: Db, now: () => number = Date.now): TestCaseStore {
  const selectOne = db.prepare<[string, string], CaseRow>('SELECT * FROM test_cases WHERE graph_id = ? AND id = ?');
  const selectAll = db.prepare<[string], CaseRow>('SELECT * FROM test_cases WHERE graph_id = ? ORDER BY name');
  const insert = db.prepare(
    'INSERT INTO test_cases (id, graph_id, name, document, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const update = db.prepare(
    'UPDATE test_cases SET name = ?, document = ?, updated_at = ? WHERE graph_id = ? AND id = ?',
  );
  const graphExists = db.prepare<[string], { id: string }>('SELECT id FROM graphs WHERE id = ?');

  const requireGraph = (graphId: string) => {
    if (!graphExists.get(graphId)) throw new NotFoundError(`The graph "${graphId}"`, 'graph_not_found');
  };
  const nameTaken = (error: unknown, name: string) =>
    (error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE'
      ? new ConflictError('test_case_name_taken', `This graph already has a test case named "${name}".`)
      : error;

  return {
    async list(graphId) {
      requireGraph(graphId);
      return selectAll.all(graphId).map((row) => summaryOf(row, parse(row)));
    },
    async get(graphId, id) {
      const row = selectOne.get(graphId, id);
      return row ? recordOf(row) : null;
    },
    async create(graphId, id, document) {
      requireGraph(graphId);
      const at = now();
      try {
        insert.run(id, graphId, document.name, JSON.stringify(document), at, at);
      } catch (error) {
        throw nameTaken(error, document.name);
      }
      return recordOf(selectOne.get(graphId, id)!);
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
      return recordOf(selectOne.get(graphId, id)!);
    },
    async delete(graphId, id) {
      return db.prepare('DELETE FROM test_cases WHERE graph_id = ? AND id = ?').run(graphId, id).changes > 0;
    },
  };
}

/** Stored documents passed the schema on the way in; parsing again keeps a hand-edited row from going out broken. */
function parse(row: CaseRow): TestCase {
  return TestCase.parse(JSON.parse(row.document));
}

function summaryOf(row: CaseRow, document: TestCase): TestCaseSummary {
  return {
    id: row.id,
    graphId: row.graph_id,
    name: row.name,
    goal: document.goal,
    stepCount: document.steps.length,
    recordedRunId: document.recordedRunId ?? null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function recordOf(row: CaseRow): TestCaseRecord {
  const document = parse(row);
  return { ...summaryOf(row, document), document };
}
