// What the run view derives from a run's events: the shapes the canvas, the trace and the panel read.
import type {
  ActionStatus,
  ActionType,
  ErrorInfo,
  JsonValue,
  ProviderInfo,
  RecordedMessage,
  ResolvedBudget,
  RunEventOfType,
  RunStatus,
  Usage,
} from '@baton/contracts';

/** The canvas's own shapes of a run (node status, edge state), defined by the editor's run overlay. */
export type { EdgeRunState, NodeRunStatus } from '../editor/run-overlay';

export type EscalationView = RunEventOfType<'escalation.requested'> & {
  decision?: 'approve' | 'edit' | 'reject';
};

export interface HandoffView {
  seq: number;
  edgeId: string;
  sourceId: string;
  targetId: string;
  contractName: string | null;
  outcome: 'passed' | 'low_confidence_proceeded' | 'invalid_payload' | 'low_confidence' | 'rejected_by_person';
  confidence: number | null;
  detail: string[];
}

export interface ActionView {
  id: string;
  parentId: string | null;
  seq: number;
  agentId: string;
  agentName: string;
  actionType: ActionType;
  status: ActionStatus;
  attempt: number;
  stepKey: string | null;
  startedAt: number;
  endedAt: number | null;
  inputHash: string;
  tier?: string;
  model?: string;
  messages?: RecordedMessage[];
  summary?: string;
  /** A tool_call action's tool and arguments. */
  tool?: { source: string; name: string; arguments: JsonValue };
  /**
   * An escalation's tool call: the tool a person is asked about. The engine asks before it starts the call's own
   * tool_call action, so while a call waits this is the row that names it.
   */
  asksAbout?: { source: string; name: string };
  /** Text streamed so far. */
  text: string;
  output?: JsonValue;
  usage?: Usage;
  durationMs?: number;
  error?: ErrorInfo;
  skipReason?: string;
  handoffs: HandoffView[];
}

export interface RunTotals {
  usage: Usage;
  modelCalls: number | null;
  activeMs: number | null;
}

/** The small, immutable summary the panel renders from; a new object after every change. */
export interface RunSummaryView {
  runId: string | null;
  status: RunStatus;
  goal: string;
  /** The run's JSON input, when it was given one (from its start event). */
  input: JsonValue | undefined;
  graphVersion: number | null;
  provider: ProviderInfo | null;
  /** The limits the run enforces (from its start event). */
  budget: ResolvedBudget | null;
  startedAt: number | null;
  endedAt: number | null;
  lastSeq: number;
  actionCount: number;
  eventCount: number;
  result: JsonValue | undefined;
  error: ErrorInfo | null;
  endReason: string | null;
  totals: RunTotals;
  notices: string[];
  pendingEscalations: EscalationView[];
  /** Where each attempt after the first began (a run resumed after a restart), in order. */
  attempts: AttemptMarker[];
}

/** The start of a resumed attempt: what it could reuse of the attempts before, and what it had to run again. */
export interface AttemptMarker {
  attempt: number;
  /** The seq of its `run.started`. */
  seq: number;
  at: number;
  /** Steps completed (or decided) before: reused, not run again. */
  reused: number;
  /** Steps started and not completed before: run again as a new attempt. */
  repeated: number;
}
