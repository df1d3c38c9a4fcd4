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
} from '@baton/contracts';

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
  /**
   * Appends events of one run, in order, and applies them to the run's status, counters and last chain hash, all
   * in one transaction. Their `seq`s must follow on from `eventCount`, or nothing is written.
   */
  appendEvents(events: readonly RunEvent[]): Promise<RunRecord>;
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

/** Wakes whoever watches a run when its log grew. Carries no data: watchers read the store. */
export interface RunNotifier {
  notify(runId: string): void;
  subscribe(runId: string, listener: () => void): () => void;
}
