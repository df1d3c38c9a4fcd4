// A test case's row as both stores keep it (the document as JSON text) and what it reads as.
import { TestCase, type TestCaseRecord, type TestCaseSummary } from '@baton/contracts';
import { ConflictError } from '../errors';

export interface CaseRow {
  id: string;
  graph_id: string;
  name: string;
  document: string;
  created_at: number;
  updated_at: number;
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

export function toCaseSummary(row: CaseRow): TestCaseSummary {
  return summaryOf(row, parse(row));
}

export function toCaseRecord(row: CaseRow): TestCaseRecord {
  const document = parse(row);
  return { ...summaryOf(row, document), document };
}

/** The error for a name another case of the graph has (each store detects the unique violation its own way). */
export function caseNameTaken(name: string): ConflictError {
  return new ConflictError('test_case_name_taken', `This graph already has a test case named "${name}".`);
}
