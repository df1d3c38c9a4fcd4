// Storage and notification behind interfaces of our own: SQLite and an in-process emitter today, others later.
import type {
  Budget,
  GraphDocument,
  GraphRecord,
  GraphSummary,
  GraphVersionRecord,
  GraphVersionSummary,
  JsonValue,
  RunEvent,
  RunRecord,
  RunStatus,
  RunSummary,
  TestCase,
  TestCaseRecord,
  TestCaseSummary,
} from '@baton/contracts';
import type { EscalationResolution } from '@baton/engine';

/** Async throughout, so that a networked database can implement it without touching the routes. */
export interface GraphStore {
  listGraphs(): Promise<GraphSummary[]>;
  getGraph(id: string): Promise<GraphRecord | null>;
  /** Stores a new graph; the document's `id` is set to `id`. */
  createGraph(id: string, document: GraphDocument): Promise<GraphRecord>;
  /** Replaces the draft if `baseRevision` is the current one; otherwise `stale_draft` (409) and nothing changes. */
  updateDraft(id: string, document: GraphDocument, baseRevision: number): Promise<GraphRecord>;
  rename(id: string, name: string, description: string | undefined): Promise<GraphRecord>;
  deleteGraph(id: string): Promise<boolean>;
  saveVersion(id: string, label: string, reason: GraphVersionSummary['reason']): Promise<GraphVersionSummary>;
  listVersions(id: string): Promise<GraphVersionSummary[]>;
  getVersion(id: string, version: number): Promise<GraphVersionRecord | null>;
  /** Puts a version's document into the draft (a new draft revision). */
  restoreVersion(id: string, version: number): Promise<GraphRecord>;
  /** The version that holds the current draft: the draft's own, or a new one made now (reason `run`). */
  versionOfDraft(id: string): Promise<GraphVersionRecord>;
  getMeta(key: string): Promise<string | null>;
  setMeta(key: string, value: string): Promise<void>;
}

export interface NewRun {
  id: string;
  graphId: string;
  graphVersion: number;
  goal: string;
  input: JsonValue | null;
  budget: Budget | null;
}

export interface RunStore {
  createRun(run: NewRun): Promise<RunRecord>;
  getRun(id: string): Promise<RunRecord | null>;
  /** Newest first. */
  listRuns(graphId: string): Promise<RunSummary[]>;
  listRunsWithStatus(statuses: readonly RunStatus[]): Promise<RunRecord[]>;
  /** The budget the run was started with (null: the graph's and the defaults). */
  getRunBudget(id: string): Promise<Budget | null>;
  /**
   * Appends events of one run, in order, and applies them to the run's status, counters and last chain hash, all
   * in one transaction. Their `seq`s must follow on from `eventCount`, or nothing is written. With `guard`, nothing is
   * written either unless `guard.owner` holds the run's claim (`claim_lost`): the fence of a lease taken over.
   */
  appendEvents(events: readonly RunEvent[], guard?: { owner: string }): Promise<RunRecord>;
  /** Events with `seq > afterSeq`, in order, at most `limit`. */
  readEvents(runId: string, afterSeq: number, limit?: number): Promise<RunEvent[]>;
  /** The same events as stored JSON text, not parsed: what a stream sends as it is. */
  readEventTexts(runId: string, afterSeq: number, limit?: number): Promise<StoredEventText[]>;
}

/** One stored event: its seq, its type and its JSON text (a single line, as `JSON.stringify` wrote it). */
export interface StoredEventText {
  seq: number;
  type: RunEvent['type'];
  body: string;
}

/**
 * Wakes whoever watches a run when its log grew, and the executors when there is work (a run to start or resume, a
 * cancel, a decision). Carries no data: the woken read the store.
 */
export interface RunNotifier {
  /** The run's log grew to `seq` (the last event stored); a networked notifier sends no more than these two. */
  notify(runId: string, seq?: number): void;
  subscribe(runId: string, listener: () => void): () => void;
  notifyWork(): void;
  subscribeWork(listener: () => void): () => void;
}

/** A run some process may have to execute, and who holds it now. */
export interface UnfinishedRun {
  runId: string;
  owner: string | null;
  leaseUntil: number | null;
}

/**
 * Which process executes a run: a compare-and-set on an owner id and a lease expiry, renewed while it executes. A run
 * is taken only when no live lease covers it, so two processes never execute one run.
 */
export interface RunClaims {
  /**
   * Takes the run for `owner` until `now + leaseMs` if it is free, its lease expired, `owner` holds it already, or it
   * is held by `stealFrom` (an owner known to be dead). True when `owner` holds it after the call.
   */
  claim(runId: string, owner: string, leaseMs: number, stealFrom?: string): Promise<boolean>;
  /** Extends `owner`'s lease; false when `owner` no longer holds the run (it must stop writing). */
  renew(runId: string, owner: string, leaseMs: number): Promise<boolean>;
  /** Lets go of the run, if `owner` holds it. */
  release(runId: string, owner: string): Promise<void>;
  /** Runs that are not over (queued, running, waiting, or interrupted with a resume asked for), oldest first. */
  unfinished(): Promise<UnfinishedRun[]>;
  /** The owner of a live lease on the run, or null. */
  holder(runId: string): Promise<string | null>;
}

/** What a person asked of a run, kept in the store so that the process executing it need not be the one asked. */
export interface RunRequests {
  requestCancel(runId: string, reason: string): Promise<void>;
  cancelRequest(runId: string): Promise<string | null>;
  /** Asks for a new attempt of an interrupted run; false when one was asked already. */
  requestResume(runId: string): Promise<boolean>;
  resumeRequested(runId: string): Promise<boolean>;
  clearResumeRequest(runId: string): Promise<void>;
  /** Stores a person's decision on an escalation; false when that escalation has a decision already. */
  recordDecision(runId: string, escalationId: string, resolution: EscalationResolution): Promise<boolean>;
  decision(runId: string, escalationId: string): Promise<EscalationResolution | null>;
  /** The run's trust-boundary nonce, made (from `fresh`) and kept at the first call. */
  nonce(runId: string, fresh: () => string): Promise<string>;
  /** The caller's W3C `traceparent` the run was started under (validated), for its exported trace. */
  setTraceParent(runId: string, traceparent: string): Promise<void>;
  traceParent(runId: string): Promise<string | null>;
}

/** Test cases, stored per graph. Writing one changes no graph row and makes no version: a case is not a version. */
export interface TestCaseStore {
  list(graphId: string): Promise<TestCaseSummary[]>;
  get(graphId: string, id: string): Promise<TestCaseRecord | null>;
  /** A new case; its name must be free in the graph (409 `test_case_name_taken`). */
  create(graphId: string, id: string, document: TestCase): Promise<TestCaseRecord>;
  /** Replaces a case's document (its assertions edited, a new recording). */
  replace(graphId: string, id: string, document: TestCase): Promise<TestCaseRecord>;
  delete(graphId: string, id: string): Promise<boolean>;
}
