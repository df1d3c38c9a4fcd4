// The HTTP API's bodies for test cases: stored per graph, listed, run against the current draft.
import { z } from 'zod';
import { TestCase } from './test-case';

export const TestCaseSummary = z.strictObject({
  id: z.string(),
  graphId: z.string(),
  name: z.string(),
  goal: z.string(),
  stepCount: z.number().int().nonnegative(),
  recordedRunId: z.string().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type TestCaseSummary = z.infer<typeof TestCaseSummary>;

export const TestCaseRecord = TestCaseSummary.extend({ document: TestCase });
export type TestCaseRecord = z.infer<typeof TestCaseRecord>;

/** POST /api/graphs/:id/tests/:caseId/run: offline unless `live`. */
export const RunTestCaseBody = z.strictObject({ live: z.boolean().optional() });
export type RunTestCaseBody = z.infer<typeof RunTestCaseBody>;
