// Every route of the HTTP API with what it takes and answers, as contracts schemas: the source of the OpenAPI document.
import { z } from 'zod';
import {
  ApiErrorBody,
  CreateGraphBody,
  EscalationDecisionBody,
  EscalationListStatus,
  GraphRecord,
  GraphSummary,
  GraphVersionRecord,
  GraphVersionSummary,
  HealthResponse,
  Page,
  RenameGraphBody,
  RunRecord,
  RunSummary,
  SaveVersionBody,
  SessionBody,
  StartRunBody,
  StartRunResponse,
  UpdateDraftBody,
  WaitingEscalation,
} from '../api';
import { ProviderInfo, RunEvent } from '../events';
import { GraphDocument } from '../graph/graph';
import { JsonSchemaObject } from '../json';
import { PricesResponse } from '../pricing';
import { TestCase } from '../testcase/test-case';
import { RunTestCaseBody, TestCaseRecord, TestCaseSummary } from '../testcase/test-case-api';
import { TestCaseResult } from '../testcase/test-result';
import { ToolsResponse } from '../tools-api';
import { TraceFile } from '../trace/trace-file';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

export type ApiAnswer =
  | { kind: 'json'; schema: z.ZodType }
  /** Server-Sent Events whose `data` is one JSON value of `schema` each. */
  | { kind: 'event-stream'; schema: z.ZodType }
  /** A text download in another format than Baton's own (OTLP JSON Lines), described in words. */
  | { kind: 'text'; mediaType: string; description: string }
  | { kind: 'empty' };

export interface ApiRoute {
  method: HttpMethod;
  /** As the server mounts it, with Hono's `:param` segments. */
  path: string;
  operationId: string;
  summary: string;
  tag: 'server' | 'graphs' | 'versions' | 'runs' | 'tests';
  /** A JSON request body; `optional` when the route also takes none. */
  body?: { schema: z.ZodType; optional?: boolean };
  query?: { name: string; description: string; schema: z.ZodType }[];
  headers?: { name: string; description: string; schema: z.ZodType }[];
  /** Answered without the token when BATON_TOKEN is set. */
  open?: boolean;
  status: number;
  answer: ApiAnswer;
  /** Error statuses this route answers beyond those every route may (401, 403, 413, 415 and 500). */
  errors: number[];
}

const json = (schema: z.ZodType): ApiAnswer => ({ kind: 'json', schema });
const EMPTY: ApiAnswer = { kind: 'empty' };

export const API_ROUTES: readonly ApiRoute[] = [
  // Server
  {
    method: 'get',
    path: '/api/health',
    operationId: 'getHealth',
    summary:
      'Health, whether a token is required, which store answers (503 when it cannot be reached) and, with workers, the queue',
    tag: 'server',
    open: true,
    status: 200,
    answer: json(HealthResponse),
    errors: [503],
  },
  {
    method: 'get',
    path: '/api/provider',
    operationId: 'getProvider',
    summary: 'The model provider runs use (never its key)',
    tag: 'server',
    status: 200,
    answer: json(ProviderInfo),
    errors: [],
  },
  {
    method: 'get',
    path: '/api/prices',
    operationId: 'getPrices',
    summary: 'Prices per model id (USD per 1M input and output tokens), from the server configuration',
    tag: 'server',
    status: 200,
    answer: json(PricesResponse),
    errors: [],
  },
  {
    method: 'get',
    path: '/api/tools',
    operationId: 'listTools',
    summary:
      'Every tool source (the built-ins, each configured MCP server): whether it answers and why not, its allowed tools with descriptions, input schemas and side-effect marks',
    tag: 'server',
    status: 200,
    answer: json(ToolsResponse),
    errors: [],
  },
  {
    method: 'get',
    path: '/api/schema/graph',
    operationId: 'getGraphSchema',
    summary: 'The JSON Schema (2020-12) of the graph format',
    tag: 'server',
    status: 200,
    answer: json(JsonSchemaObject),
    errors: [],
  },
  {
    method: 'get',
    path: '/api/schema/testcase',
    operationId: 'getTestCaseSchema',
    summary: 'The JSON Schema (2020-12) of the test case document (baton.testcase)',
    tag: 'server',
    status: 200,
    answer: json(JsonSchemaObject),
    errors: [],
  },
  {
    method: 'get',
    path: '/api/openapi.json',
    operationId: 'getOpenApi',
    summary: 'This document',
    tag: 'server',
    status: 200,
    answer: json(z.record(z.string(), z.unknown())),
    errors: [],
  },
  {
    method: 'post',
    path: '/api/session',
    operationId: 'signIn',
    summary: 'Sign in with BATON_TOKEN: sets the HttpOnly session cookie',
    tag: 'server',
    open: true,
    body: { schema: SessionBody },
    status: 204,
    answer: EMPTY,
    errors: [400],
  },
  {
    method: 'delete',
    path: '/api/session',
    operationId: 'signOut',
    summary: 'Sign out: clears the session cookie',
    tag: 'server',
    open: true,
    status: 204,
    answer: EMPTY,
    errors: [],
  },
  // Graphs
  {
    method: 'get',
    path: '/api/graphs',
    operationId: 'listGraphs',
    summary: 'Every graph, most recently changed first, each with its last run',
    tag: 'graphs',
    status: 200,
    answer: json(Page(GraphSummary)),
    errors: [],
  },
  {
    method: 'post',
    path: '/api/graphs',
    operationId: 'createGraph',
    summary: 'A new graph, from a name (a starter graph) or from a document',
    tag: 'graphs',
    body: { schema: CreateGraphBody },
    status: 201,
    answer: json(GraphRecord),
    errors: [400],
  },
  {
    method: 'post',
    path: '/api/graphs/import',
    operationId: 'importGraph',
    summary: 'Import a graph document of any supported version under a new id',
    tag: 'graphs',
    body: { schema: GraphDocument },
    status: 201,
    answer: json(GraphRecord),
    errors: [400],
  },
  {
    method: 'get',
    path: '/api/graphs/:id',
    operationId: 'getGraph',
    summary: 'A graph with its draft',
    tag: 'graphs',
    status: 200,
    answer: json(GraphRecord),
    errors: [404],
  },
  {
    method: 'patch',
    path: '/api/graphs/:id',
    operationId: 'renameGraph',
    summary: 'Rename a graph (a new draft revision)',
    tag: 'graphs',
    body: { schema: RenameGraphBody },
    status: 200,
    answer: json(GraphRecord),
    errors: [400, 404],
  },
  {
    method: 'delete',
    path: '/api/graphs/:id',
    operationId: 'deleteGraph',
    summary: 'Delete a graph with its versions and runs',
    tag: 'graphs',
    status: 204,
    answer: EMPTY,
    errors: [404, 409],
  },
  {
    method: 'post',
    path: '/api/graphs/:id/duplicate',
    operationId: 'duplicateGraph',
    summary: 'A copy of the draft, named "… (copy)"',
    tag: 'graphs',
    status: 201,
    answer: json(GraphRecord),
    errors: [404],
  },
  {
    method: 'put',
    path: '/api/graphs/:id/draft',
    operationId: 'updateDraft',
    summary: 'Autosave: replace the draft, naming the revision the edit started from',
    tag: 'graphs',
    body: { schema: UpdateDraftBody },
    status: 200,
    answer: json(GraphRecord),
    errors: [400, 404, 409],
  },
  {
    method: 'get',
    path: '/api/graphs/:id/export',
    operationId: 'exportGraph',
    summary: 'The draft, or a saved version, as a document in the export format',
    tag: 'graphs',
    query: [
      { name: 'version', description: 'A saved version to export instead of the draft.', schema: z.int().positive() },
    ],
    status: 200,
    answer: json(GraphDocument),
    errors: [404],
  },
  // Versions
  {
    method: 'post',
    path: '/api/graphs/:id/versions',
    operationId: 'saveVersion',
    summary: 'Save the draft as a new immutable version',
    tag: 'versions',
    body: { schema: SaveVersionBody, optional: true },
    status: 201,
    answer: json(GraphVersionSummary),
    errors: [400, 404],
  },
  {
    method: 'get',
    path: '/api/graphs/:id/versions',
    operationId: 'listVersions',
    summary: "A graph's versions, newest first",
    tag: 'versions',
    status: 200,
    answer: json(Page(GraphVersionSummary)),
    errors: [404],
  },
  {
    method: 'get',
    path: '/api/graphs/:id/versions/:version',
    operationId: 'getVersion',
    summary: 'One version with its document',
    tag: 'versions',
    status: 200,
    answer: json(GraphVersionRecord),
    errors: [404],
  },
  {
    method: 'post',
    path: '/api/graphs/:id/versions/:version/restore',
    operationId: 'restoreVersion',
    summary: "Make a version's document the draft",
    tag: 'versions',
    status: 200,
    answer: json(GraphRecord),
    errors: [404],
  },
  // Runs
  {
    method: 'post',
    path: '/api/graphs/:id/runs',
    operationId: 'startRun',
    summary: "Start a run of the graph's draft (pinned to a version)",
    tag: 'runs',
    body: { schema: StartRunBody },
    status: 202,
    answer: json(StartRunResponse),
    errors: [400, 404, 409],
  },
  {
    method: 'get',
    path: '/api/graphs/:id/runs',
    operationId: 'listRuns',
    summary: "A graph's runs, newest first",
    tag: 'runs',
    status: 200,
    answer: json(Page(RunSummary)),
    errors: [404],
  },
  {
    method: 'get',
    path: '/api/escalations',
    operationId: 'listEscalations',
    summary: 'Decisions waiting for a person, across every run, oldest first',
    tag: 'runs',
    query: [
      {
        name: 'status',
        description: 'Which decisions: `waiting` (the default, and the only one today)',
        schema: EscalationListStatus,
      },
    ],
    status: 200,
    answer: json(Page(WaitingEscalation)),
    errors: [400],
  },
  {
    method: 'get',
    path: '/api/runs/:id',
    operationId: 'getRun',
    summary: 'A run: status, timings, usage, result, error, chain head',
    tag: 'runs',
    status: 200,
    answer: json(RunRecord),
    errors: [404],
  },
  {
    method: 'post',
    path: '/api/runs/:id/cancel',
    operationId: 'cancelRun',
    summary: 'Cancel a run (idempotent)',
    tag: 'runs',
    status: 200,
    answer: json(RunRecord),
    errors: [404],
  },
  {
    method: 'post',
    path: '/api/runs/:id/resume',
    operationId: 'resumeRun',
    summary: 'Resume an interrupted run as a new attempt (409 when it is going on or has ended)',
    tag: 'runs',
    status: 202,
    answer: json(RunRecord),
    errors: [404, 409],
  },
  {
    method: 'get',
    path: '/api/runs/:id/events',
    operationId: 'streamRunEvents',
    summary: "A run's events as Server-Sent Events: the stored ones after a seq, then live ones, then `event: end`",
    tag: 'runs',
    query: [
      {
        name: 'after',
        description: 'Replay only the events after this seq (as Last-Event-ID).',
        schema: z.int().nonnegative(),
      },
    ],
    headers: [
      {
        name: 'Last-Event-ID',
        description: 'The last seq the client has; EventSource sends it when it reconnects.',
        schema: z.string(),
      },
    ],
    status: 200,
    answer: { kind: 'event-stream', schema: RunEvent },
    errors: [400, 404],
  },
  {
    method: 'get',
    path: '/api/runs/:id/trace',
    operationId: 'getRunTrace',
    summary: 'The trace file: the run, the graph version it ran and every event',
    tag: 'runs',
    status: 200,
    answer: json(TraceFile),
    errors: [404],
  },
  {
    method: 'get',
    path: '/api/runs/:id/trace.otlp.jsonl',
    operationId: 'getRunTraceOtlp',
    summary: 'The run as OpenTelemetry spans in the GenAI conventions, as OTLP JSON Lines',
    tag: 'runs',
    status: 200,
    answer: {
      kind: 'text',
      mediaType: 'application/x-ndjson',
      description:
        "One OTLP ExportTraceServiceRequest (the OTLP/HTTP JSON encoding) per line, as the OpenTelemetry Collector's otlpjsonfile receiver reads; the same ids and spans the live OTLP export sends. Empty while the run has no ended action.",
    },
    errors: [404],
  },
  {
    method: 'post',
    path: '/api/runs/:id/escalations/:escalationId',
    operationId: 'decideEscalation',
    summary: 'Approve, edit or reject a handoff waiting for a person',
    tag: 'runs',
    body: { schema: EscalationDecisionBody },
    status: 200,
    answer: json(RunRecord),
    errors: [400, 404, 409],
  },
  // Test cases
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

/** Every error answer has this body. */
export const API_ERROR_BODY = ApiErrorBody;
