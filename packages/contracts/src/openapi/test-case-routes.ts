// Test cases: recorded runs replayed as offline regression tests.
import { z } from 'zod';
import { Page } from '../api';
import { TestCase } from '../testcase/test-case';
import { RunTestCaseBody, TestCaseRecord, TestCaseSummary } from '../testcase/test-case-api';
import { TestCaseResult } from '../testcase/test-result';
import { type ApiRoute, EMPTY, json } from './api-route';

export const TEST_CASE_ROUTES: readonly ApiRoute[] = [
  {
    method: 'get',
    path: '/api/runs/:id/testcase',
    operationId: 'draftTestCaseFromRun',
    summary: 'A test case drafted from a finished run (its steps, tier mapping and prefilled assertions); not saved',
    tag: 'tests',
    query: [{ name: 'name', description: 'The case name (default: the goal)', schema: z.string() }],
    status: 200,
    answer: json(TestCase),
    errors: [404, 409],
  },
  {
    method: 'get',
    path: '/api/graphs/:id/tests',
    operationId: 'listTestCases',
    summary: "The graph's test cases, by name",
    tag: 'tests',
    status: 200,
    answer: json(Page(TestCaseSummary)),
    errors: [404],
  },
  {
    method: 'post',
    path: '/api/graphs/:id/tests',
    operationId: 'saveTestCase',
    summary: 'Saves a test case in the graph (its name must be free); makes no graph version',
    tag: 'tests',
    body: { schema: TestCase },
    status: 201,
    answer: json(TestCaseRecord),
    errors: [400, 404, 409],
  },
  {
    method: 'get',
    path: '/api/graphs/:id/tests/:caseId',
    operationId: 'getTestCase',
    summary: 'One test case with its document',
    tag: 'tests',
    status: 200,
    answer: json(TestCaseRecord),
    errors: [404],
  },
  {
    method: 'put',
    path: '/api/graphs/:id/tests/:caseId',
    operationId: 'replaceTestCase',
    summary: "Replaces a test case's document (edited assertions); makes no graph version",
    tag: 'tests',
    body: { schema: TestCase },
    status: 200,
    answer: json(TestCaseRecord),
    errors: [400, 404, 409],
  },
  {
    method: 'delete',
    path: '/api/graphs/:id/tests/:caseId',
    operationId: 'deleteTestCase',
    summary: 'Deletes a test case',
    tag: 'tests',
    status: 204,
    answer: EMPTY,
    errors: [404],
  },
  {
    method: 'get',
    path: '/api/graphs/:id/tests/:caseId/export',
    operationId: 'exportTestCase',
    summary: 'The test case as a file (`<graph>.<case>.testcase.json`, to keep beside the graph export)',
    tag: 'tests',
    status: 200,
    answer: json(TestCase),
    errors: [404],
  },
  {
    method: 'post',
    path: '/api/graphs/:id/tests/:caseId/run',
    operationId: 'runTestCase',
    summary:
      "Replays the case against the graph's current draft: offline unless `live`; each step reused, diverged or not reached",
    tag: 'tests',
    body: { schema: RunTestCaseBody, optional: true },
    status: 200,
    answer: json(TestCaseResult),
    errors: [400, 404],
  },
];
