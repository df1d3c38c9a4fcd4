// Run events: what the engine yields, the server stores and streams, and the browser replays. Schema version 1.
import { z } from 'zod';
import { ResolvedBudget } from './graph/budget';
import { HandoffContract } from './graph/edges';
import { JsonPath } from './graph/issues';
import { ModelTier } from './graph/nodes';
import { JsonSchemaObject, JsonValue } from './json';

export const RUN_EVENT_VERSION = 1;

export const RunStatus = z.enum(['queued', 'running', 'waiting', 'completed', 'failed', 'cancelled', 'interrupted']);
export type RunStatus = z.infer<typeof RunStatus>;
export const TERMINAL_RUN_STATUSES: readonly RunStatus[] = ['completed', 'failed', 'cancelled', 'interrupted'];
export function isTerminalRunStatus(status: RunStatus): boolean {
  return TERMINAL_RUN_STATUSES.includes(status);
}

export const ActionType = z.enum([
  'node',
  'decompose',
  'dispatch',
  'llm_call',
  'tool_call',
  'route',
  'handoff',
  'review',
  'revision',
  'synthesis',
  'escalation',
  'mesh_round',
]);
export type ActionType = z.infer<typeof ActionType>;

export const ActionStatus = z.enum(['running', 'completed', 'failed', 'skipped', 'cancelled', 'waiting']);
export type ActionStatus = z.infer<typeof ActionStatus>;

export const Usage = z.strictObject({
  inputTokens: z.number().int().nonnegative(),
  outputTokens: z.number().int().nonnegative(),
  totalTokens: z.number().int().nonnegative(),
});
export type Usage = z.infer<typeof Usage>;

export const ErrorInfo = z.strictObject({
  code: z.string(),
  message: z.string(),
  path: JsonPath.optional(),
});
export type ErrorInfo = z.infer<typeof ErrorInfo>;

/** A tool call as a model asked for it (arguments as JSON text); the id is the engine's own (`call_1`, ...). */
export const RecordedToolCall = z.strictObject({
  id: z.string(),
  name: z.string(),
  arguments: z.string(),
});
export type RecordedToolCall = z.infer<typeof RecordedToolCall>;

/** A message as a model was given it, recorded for the trace's detail view. */
export const RecordedMessage = z.strictObject({
  role: z.enum(['system', 'user', 'assistant', 'tool']),
  content: z.string(),
  /** An assistant turn's tool calls. */
  toolCalls: z.array(RecordedToolCall).optional(),
  /** A tool message's call. */
  toolCallId: z.string().optional(),
});
export type RecordedMessage = z.infer<typeof RecordedMessage>;

export const ProviderInfo = z.strictObject({
  kind: z.enum(['openai', 'simulated']),
  simulated: z.boolean(),
  /** The host of the base URL, never the key. Null for the simulated provider. */
  baseUrlHost: z.string().nullable(),
  models: z.strictObject({ fast: z.string(), balanced: z.string(), deep: z.string() }),
});
export type ProviderInfo = z.infer<typeof ProviderInfo>;

const eventBase = {
  v: z.literal(RUN_EVENT_VERSION),
  runId: z.string(),
  /** Per-run, monotonic from 1, without gaps. */
  seq: z.number().int().positive(),
  /** Unix epoch milliseconds, from the engine's injected clock. */
  at: z.number(),
  /** sha256 (hex) of the event's canonical JSON without `digest`, `chain` and `redacted`, taken after scrubbing. */
  digest: z.string(),
  /** sha256 (hex) over the previous event's chain hash and this digest. */
  chain: z.string(),
  /**
   * Set when the content was redacted after the fact. `digest` stays the original content's (the chain is over
   * it); the content now has to match the digest that a later `event.redacted` event naming this seq records.
   */
  redacted: z.literal(true).optional(),
};

/** Fields of events that belong to an action. */
const actionRef = {
  actionId: z.string(),
  parentActionId: z.string().nullable(),
  /** Deterministic key of the step this action is (node, subtask, revision or round, attempt); null when not a step. */
  stepKey: z.string().nullable(),
};

export const RunStartedEvent = z.strictObject({
  ...eventBase,
  type: z.literal('run.started'),
  graphId: z.string(),
  graphVersion: z.number().int().nullable(),
  goal: z.string(),
  input: JsonValue.optional(),
  provider: ProviderInfo,
  budget: ResolvedBudget,
  /** The attempt of this run: 1, then 2 when an interrupted run is resumed by replaying its events. */
  attempt: z.number().int().positive(),
});

export const RunWaitingEvent = z.strictObject({
  ...eventBase,
  type: z.literal('run.waiting'),
  /** The escalations nothing else can go on without. */
  escalationIds: z.array(z.string()),
});

const RunTotals = {
  usage: Usage,
  modelCalls: z.number().int().nonnegative(),
  /** Absent in runs recorded before tools. */
  toolCalls: z.number().int().nonnegative().optional(),
  /** Wall time in ms, not counting time spent waiting for a person. */
  activeMs: z.number().nonnegative(),
};

export const RunCompletedEvent = z.strictObject({
  ...eventBase,
  type: z.literal('run.completed'),
  /** The outputs' payloads: the single output's payload, or an object keyed by output names. */
  result: JsonValue,
  ...RunTotals,
});

export const RunFailedEvent = z.strictObject({
  ...eventBase,
  type: z.literal('run.failed'),
  error: ErrorInfo,
  ...RunTotals,
});

export const RunCancelledEvent = z.strictObject({
  ...eventBase,
  type: z.literal('run.cancelled'),
  reason: z.string(),
  ...RunTotals,
});

export const RunInterruptedEvent = z.strictObject({
  ...eventBase,
  type: z.literal('run.interrupted'),
  reason: z.string(),
});

export const ActionStartedEvent = z.strictObject({
  ...eventBase,
  ...actionRef,
  type: z.literal('action.started'),
  /** The node this action belongs to, and its name. */
  agentId: z.string(),
  agentName: z.string(),
  actionType: ActionType,
  /** sha256 of the canonical JSON of the logical inputs, before per-run wrapping: equal inputs, equal hash. */
  inputHash: z.string(),
  attempt: z.number().int().positive(),
  tier: ModelTier.optional(),
  model: z.string().optional(),
  /** What the action was given: the messages of an LLM call, or a short summary. */
  messages: z.array(RecordedMessage).optional(),
  summary: z.string().optional(),
  /** A `tool_call` action's tool and the arguments it was called with (as the model wrote them, parsed). */
  tool: z.strictObject({ source: z.string(), name: z.string(), arguments: JsonValue }).optional(),
});

export const ActionDeltaEvent = z.strictObject({
  ...eventBase,
  ...actionRef,
  type: z.literal('action.delta'),
  /** Streamed text from the model, in order. */
  text: z.string(),
});

/** Why a model stopped, as the provider said (OpenAI's values; anything else is `other`). */
export const FinishReason = z.enum(['stop', 'tool_calls', 'length', 'content_filter', 'other']);
export type FinishReason = z.infer<typeof FinishReason>;

export const ActionCompletedEvent = z.strictObject({
  ...eventBase,
  ...actionRef,
  type: z.literal('action.completed'),
  output: JsonValue,
  usage: Usage.optional(),
  model: z.string().optional(),
  /** An LLM call's reply that asks for tools: the calls as the model wrote them, in reply order. */
  toolCalls: z.array(RecordedToolCall).optional(),
  /** An LLM call's finish reason, as the provider reported it. Absent in runs recorded before it was kept. */
  finishReason: FinishReason.optional(),
  durationMs: z.number().nonnegative(),
});

export const ActionFailedEvent = z.strictObject({
  ...eventBase,
  ...actionRef,
  type: z.literal('action.failed'),
  error: ErrorInfo,
  durationMs: z.number().nonnegative(),
});

export const ActionSkippedEvent = z.strictObject({
  ...eventBase,
  ...actionRef,
  type: z.literal('action.skipped'),
  agentId: z.string(),
  agentName: z.string(),
  actionType: ActionType,
  reason: z.string(),
});

export const HandoffValidatedEvent = z.strictObject({
  ...eventBase,
  ...actionRef,
  type: z.literal('handoff.validated'),
  edgeId: z.string(),
  sourceId: z.string(),
  targetId: z.string(),
  contractName: z.string().nullable(),
  confidence: z.number().nullable(),
  /** `passed`, or `low_confidence_proceeded` when the contract says go on with a warning. */
  outcome: z.enum(['passed', 'low_confidence_proceeded']),
  warning: z.string().optional(),
});

export const HandoffRejectedEvent = z.strictObject({
  ...eventBase,
  ...actionRef,
  type: z.literal('handoff.rejected'),
  edgeId: z.string(),
  sourceId: z.string(),
  targetId: z.string(),
  contractName: z.string().nullable(),
  reason: z.enum(['invalid_payload', 'low_confidence', 'rejected_by_person']),
  errors: z.array(z.strictObject({ path: JsonPath, message: z.string() })),
  /** True when the producer is asked once to repair its payload. */
  willRepair: z.boolean(),
});

/**
 * What an escalation asks a person about: a handoff's payload (its edge and contract), or a tool call waiting for
 * approval (its source, tool, arguments and input schema). Absent in runs recorded before tools: those are all
 * handoffs, described by the event's own `edgeId` and `contract`.
 */
export const EscalationSubject = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('handoff'),
    edgeId: z.string(),
    sourceId: z.string(),
    targetId: z.string(),
    contract: HandoffContract,
  }),
  z.strictObject({
    kind: z.literal('tool_call'),
    source: z.string(),
    tool: z.string(),
    arguments: JsonValue,
    inputSchema: JsonSchemaObject,
  }),
]);
export type EscalationSubject = z.infer<typeof EscalationSubject>;

export const EscalationRequestedEvent = z.strictObject({
  ...eventBase,
  ...actionRef,
  type: z.literal('escalation.requested'),
  escalationId: z.string(),
  edgeId: z.string(),
  sourceId: z.string(),
  targetId: z.string(),
  contract: HandoffContract,
  payload: JsonValue,
  confidence: z.number().nullable(),
  reason: z.string(),
  subject: EscalationSubject.optional(),
});

export const EscalationDecision = z.enum(['approve', 'edit', 'reject']);
export type EscalationDecision = z.infer<typeof EscalationDecision>;

export const EscalationResolvedEvent = z.strictObject({
  ...eventBase,
  ...actionRef,
  type: z.literal('escalation.resolved'),
  escalationId: z.string(),
  decision: EscalationDecision,
  /** The payload that goes on: the original on approve, the person's edit on edit; absent on reject. */
  payload: JsonValue.optional(),
  note: z.string().optional(),
});

export const BudgetLimit = z.enum(['maxModelCalls', 'maxTokens', 'maxWallSeconds', 'maxToolCalls']);
export type BudgetLimit = z.infer<typeof BudgetLimit>;

export const BudgetExceededEvent = z.strictObject({
  ...eventBase,
  type: z.literal('budget.exceeded'),
  limit: BudgetLimit,
  limitValue: z.number(),
  spent: z.number(),
});

/**
 * A redaction made after the fact (a person removing a pasted secret): appended and sealed like any event, it
 * names the event it changed, the paths whose values were replaced, and the digest of that event's content as it
 * is now, so that a verifier checks the redacted content instead of trusting a mark.
 */
export const EventRedactedEvent = z.strictObject({
  ...eventBase,
  type: z.literal('event.redacted'),
  /** The seq of the redacted event: always before this one. */
  targetSeq: z.number().int().positive(),
  /** JSON paths into the redacted event of the values that were replaced. */
  paths: z.array(JsonPath).min(1),
  /** sha256 (hex) of the redacted event's canonical JSON after the redaction, without `digest`, `chain`, `redacted`. */
  redactedDigest: z.string(),
  /** Why, in a person's words. */
  reason: z.string().optional(),
});

export const RunEvent = z.discriminatedUnion('type', [
  RunStartedEvent,
  RunWaitingEvent,
  RunCompletedEvent,
  RunFailedEvent,
  RunCancelledEvent,
  RunInterruptedEvent,
  ActionStartedEvent,
  ActionDeltaEvent,
  ActionCompletedEvent,
  ActionFailedEvent,
  ActionSkippedEvent,
  HandoffValidatedEvent,
  HandoffRejectedEvent,
  EscalationRequestedEvent,
  EscalationResolvedEvent,
  BudgetExceededEvent,
  EventRedactedEvent,
]);
export type RunEvent = z.infer<typeof RunEvent>;
export type RunEventType = RunEvent['type'];
export type RunEventOfType<T extends RunEventType> = Extract<RunEvent, { type: T }>;

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** An event before it is sealed into the log: the engine adds `v`, `runId`, `seq`, `at`, `digest` and `chain`. */
export type RunEventBody = DistributiveOmit<RunEvent, 'v' | 'runId' | 'seq' | 'at' | 'digest' | 'chain' | 'redacted'>;

/** Events after which a run does nothing more. */
export const TERMINAL_EVENT_TYPES = ['run.completed', 'run.failed', 'run.cancelled', 'run.interrupted'] as const;
export function isTerminalEvent(event: RunEvent): boolean {
  return (TERMINAL_EVENT_TYPES as readonly string[]).includes(event.type);
}
