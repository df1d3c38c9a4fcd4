// The inputs and outputs of runGraph: what a caller (the server, a test, a benchmark) hands the engine.

import type {
  Budget,
  ErrorInfo,
  EscalationDecision,
  GraphDocument,
  HandoffContract,
  JsonValue,
  RunEvent,
  Usage,
} from '@baton/contracts';
import type { Scrubber } from './audit/scrub';
import type { ModelProvider } from './model/provider';
import type { RecordingIndex } from './testcase/recording';
import type { ToolSource } from './tools/source';

export interface EscalationRequest {
  escalationId: string;
  runId: string;
  edgeId: string;
  contract: HandoffContract;
  payload: JsonValue;
  confidence: number | null;
  reason: string;
}

export interface EscalationResolution {
  decision: EscalationDecision;
  /** Required for `edit`: the payload that goes on instead (validated again by the engine). */
  payload?: JsonValue;
  note?: string;
}

/** Answers an escalation: resolves when a person has decided. Rejects (or the signal aborts) to cancel. */
export type EscalationHandler = (request: EscalationRequest, signal: AbortSignal) => Promise<EscalationResolution>;

export interface RunGraphOptions {
  runId: string;
  /** A graph that passed `parseGraph`. */
  graph: GraphDocument;
  graphVersion: number | null;
  goal: string;
  input?: JsonValue;
  provider: ModelProvider;
  signal?: AbortSignal;
  /** The run's own limits; they win over the graph's, which win over the defaults. */
  budget?: Budget;
  escalations: EscalationHandler;
  /** Epoch ms. The engine reads no other clock. */
  clock?: () => number;
  /** Unique ids for actions and escalations. The engine uses no other randomness. */
  ids?: () => string;
  /**
   * The nonce of the trust-boundary tags; random per run unless given. A resumed run must get the nonce of its
   * earlier attempts, or every prompt that wraps data changes and no recorded step's inputs match.
   */
  nonce?: string;
  /**
   * Events of the earlier attempts of this run: completed steps whose inputs hash the same are reused, not executed
   * again; an escalation nobody answered is waited on again under its id; the log goes on from the last seq and
   * chain; the budget counts what those attempts spent.
   */
  replay?: readonly RunEvent[];
  /**
   * Steps recorded in another run (a test case), not this run's earlier attempts: the run starts at seq 1 with its
   * own chain, a model call whose step key and input hash match a recorded step is answered from it, and the
   * index records each step as reused or diverged (`RecordingIndex.report`). The recording's tier mapping wins.
   */
  recording?: RecordingIndex;
  /**
   * How many model calls of this run may be in flight at once, across all nodes; orchestrators also obey their
   * own `concurrency`. Default: the graph's own parallelism (every orchestrator's concurrency plus one per other
   * model-calling node, see `graphParallelism`), so leaving it out never narrows what the graph allows. Set it to
   * cap a run below that, e.g. for a provider's rate limit.
   */
  concurrency?: number;
  /**
   * Takes secrets (provider keys, the server's token) out of every event before it is sealed, streamed deltas
   * included, so that the digest is of what is stored. The caller builds it from its own list of secrets
   * (`secretScrubber`); without one, events are sealed as they are.
   */
  scrubber?: Scrubber | null;
  /**
   * Where the graph's tools come from, by source name. Default: the engine's `builtin` source (the calculator).
   * A graph naming a tool that no source has fails before any node runs.
   */
  tools?: readonly ToolSource[];
  /** Time limit of one tool call in ms (default 30 000): past it the call is aborted and the model gets an error. */
  toolTimeoutMs?: number;
}

export type RunOutcome =
  | { status: 'completed'; result: JsonValue; usage: Usage; modelCalls: number }
  | { status: 'failed'; error: ErrorInfo; usage: Usage; modelCalls: number }
  | { status: 'cancelled'; reason: string; usage: Usage; modelCalls: number };

export interface RunHandle {
  /**
   * Every event, in `seq` order. The engine runs ahead of the consumer by at most 4,096 events (`QUEUE_LIMIT`),
   * then waits until the consumer has pulled the next one: a slow consumer holds the engine back.
   * Iterate it exactly once.
   */
  events: AsyncIterable<RunEvent>;
  /** Settles after the last event has been consumed. */
  outcome: Promise<RunOutcome>;
}
