// Request and response bodies of the HTTP API, shared by the server (validation) and the web app (typing).
import { z } from 'zod';
import { ErrorInfo, EscalationDecision, RunStatus, Usage } from './events';
import { Budget } from './graph/budget';
import { GraphDocument } from './graph/graph';
import { JsonValue } from './json';
import { RunSpend } from './pricing';

/** `{ error: { code, message, issues[] } }`: every error the API returns. */
export const ApiIssue = z.strictObject({
  /** JSON path as text, `$.nodes[3].data.name`; `$` for the body as a whole. */
  path: z.string(),
  message: z.string(),
  code: z.string().optional(),
});
export type ApiIssue = z.infer<typeof ApiIssue>;

export const ApiErrorBody = z.strictObject({
  error: z.strictObject({
    code: z.string(),
    message: z.string(),
    issues: z.array(ApiIssue),
  }),
});
export type ApiErrorBody = z.infer<typeof ApiErrorBody>;

export const GraphSummary = z.strictObject({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  createdAt: z.number(),
  updatedAt: z.number(),
  draftRevision: z.number().int(),
  latestVersion: z.number().int().nullable(),
  lastRun: z.strictObject({ id: z.string(), status: RunStatus, createdAt: z.number() }).nullable(),
});
export type GraphSummary = z.infer<typeof GraphSummary>;

/** A graph with its draft: the document autosave updates in place. */
export const GraphRecord = z.strictObject({
  id: z.string(),
  draft: GraphDocument,
  /** Bumped by every draft update; an update must name the revision it was based on. */
  draftRevision: z.number().int(),
  createdAt: z.number(),
  updatedAt: z.number(),
  latestVersion: z.number().int().nullable(),
});
export type GraphRecord = z.infer<typeof GraphRecord>;

export const GraphVersionSummary = z.strictObject({
  graphId: z.string(),
  version: z.number().int().positive(),
  label: z.string(),
  createdAt: z.number(),
  /** Why it was made: a person saved it, or a run started from a changed draft. */
  reason: z.enum(['saved', 'run']),
});
export type GraphVersionSummary = z.infer<typeof GraphVersionSummary>;

export const GraphVersionRecord = GraphVersionSummary.extend({ document: GraphDocument });
export type GraphVersionRecord = z.infer<typeof GraphVersionRecord>;

/** POST /api/graphs: a new graph, from a name (a starter graph) or from a document. */
export const CreateGraphBody = z.union([
  z.strictObject({
    name: z.string().min(1, 'A graph needs a name.').max(200),
    description: z.string().max(5000).optional(),
  }),
  z.strictObject({ document: GraphDocument }),
]);
export type CreateGraphBody = z.infer<typeof CreateGraphBody>;

/** PUT /api/graphs/:id/draft */
export const UpdateDraftBody = z.strictObject({
  document: GraphDocument,
  /** The draftRevision this edit was based on; a stale one gets 409 and changes nothing. */
  baseRevision: z.number().int().nonnegative(),
});
export type UpdateDraftBody = z.infer<typeof UpdateDraftBody>;

/** PATCH /api/graphs/:id: rename without touching the rest of the draft. */
export const RenameGraphBody = z.strictObject({
  name: z.string().min(1, 'A graph needs a name.').max(200),
  description: z.string().max(5000).optional(),
});
export type RenameGraphBody = z.infer<typeof RenameGraphBody>;

/** POST /api/graphs/:id/versions */
export const SaveVersionBody = z.strictObject({ label: z.string().max(200).optional() });
export type SaveVersionBody = z.infer<typeof SaveVersionBody>;

/** POST /api/graphs/:id/runs */
export const StartRunBody = z.strictObject({
  goal: z.string().trim().min(1, 'A run needs a goal.').max(20000, 'A goal can be at most 20,000 characters long.'),
  input: JsonValue.optional(),
  budget: Budget.optional(),
});
export type StartRunBody = z.infer<typeof StartRunBody>;

export const StartRunResponse = z.strictObject({
  runId: z.string(),
  graphVersion: z.number().int().positive(),
});
export type StartRunResponse = z.infer<typeof StartRunResponse>;

export const RunSummary = z.strictObject({
  id: z.string(),
  graphId: z.string(),
  graphVersion: z.number().int().positive(),
  goal: z.string(),
  status: RunStatus,
  createdAt: z.number(),
  startedAt: z.number().nullable(),
  endedAt: z.number().nullable(),
  usage: Usage,
  /** Tokens per model, to price the run with the server's price table (GET /api/prices). */
  spend: RunSpend,
  eventCount: z.number().int().nonnegative(),
  error: ErrorInfo.nullable(),
});
export type RunSummary = z.infer<typeof RunSummary>;

export const RunRecord = RunSummary.extend({
  input: JsonValue.nullable(),
  result: JsonValue.nullable(),
  /** Chain hash of the last event, for `verifyRunLog`. */
  lastHash: z.string().nullable(),
  /** Escalations waiting for a person. */
  pendingEscalations: z.array(z.string()),
});
export type RunRecord = z.infer<typeof RunRecord>;

/** GET /api/escalations?status=waiting: one decision a person has still to take, in any run. */
export const WaitingEscalation = z.strictObject({
  runId: z.string(),
  graphId: z.string(),
  graphName: z.string(),
  escalationId: z.string(),
  /** The agents on either end of the held handoff, by name (the graph as it ran). */
  sourceName: z.string(),
  targetName: z.string(),
  reason: z.string(),
  requestedAt: z.number(),
});
export type WaitingEscalation = z.infer<typeof WaitingEscalation>;

/** The only listing today: the decisions still waiting. */
export const EscalationListStatus = z.enum(['waiting']);
export type EscalationListStatus = z.infer<typeof EscalationListStatus>;

/** POST /api/runs/:id/escalations/:escalationId */
export const EscalationDecisionBody = z
  .strictObject({
    decision: EscalationDecision,
    payload: JsonValue.optional(),
    note: z.string().max(2000).optional(),
  })
  .refine((body) => body.decision !== 'edit' || body.payload !== undefined, {
    message: 'An edit needs the edited payload.',
    path: ['payload'],
  });
export type EscalationDecisionBody = z.infer<typeof EscalationDecisionBody>;

/** POST /api/session: sign in with BATON_TOKEN, get an HttpOnly cookie. */
export const SessionBody = z.strictObject({ token: z.string().min(1).max(1000) });
export type SessionBody = z.infer<typeof SessionBody>;

/**
 * With BATON_QUEUE_URL: whether the queue (BullMQ on Redis) answers and when a worker was last seen. A queue that
 * cannot be reached keeps health 200: graphs, runs and streams are served from the store, and runs started meanwhile
 * wait there until a worker's sweep hands them out.
 */
export const QueueHealth = z.strictObject({
  kind: z.literal('bullmq-redis'),
  reachable: z.boolean(),
  /** Why the queue cannot be reached. */
  error: z.string().optional(),
  /** Workers that sent a heartbeat within three of their intervals. */
  liveWorkers: z.number().int().nonnegative(),
  /** The last heartbeat of any worker (ms since the epoch), or null when none was ever seen. */
  workerLastSeenAt: z.number().nullable(),
  /** A run queued this long with no live worker says "No worker is running" (BATON_NO_WORKER_AFTER_MS). */
  noWorkerAfterMs: z.number().int().nonnegative(),
  /** The server's clock when it answered, to compare with a run's `createdAt` whatever the browser's clock says. */
  now: z.number(),
});
export type QueueHealth = z.infer<typeof QueueHealth>;

/** 200 only while the store answers; a store that cannot be reached is a 503 `store_unreachable`. */
export const HealthResponse = z.strictObject({
  ok: z.literal(true),
  version: z.string(),
  authRequired: z.boolean(),
  store: z.enum(['sqlite', 'postgres']),
  /** Only when runs are executed by queue workers. */
  queue: QueueHealth.optional(),
});
export type HealthResponse = z.infer<typeof HealthResponse>;

export const Page = <T extends z.ZodType>(item: T) => z.strictObject({ items: z.array(item) });
