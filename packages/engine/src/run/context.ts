// One run's shared state and the primitives every node kind uses: actions, model-call steps, escalations.
import { setMaxListeners } from 'node:events';
import type {
  ActionType,
  GraphDocument,
  HandoffContract,
  JsonSchemaObject,
  JsonValue,
  ModelTier,
  RecordedMessage,
  RunEventBody,
} from '@baton/contracts';
import { inputHash } from '../audit/canonical';
import { type CompiledSchema, compileSchema } from '../contracts/schema';
import { NodeExecutionError, RunCancelledError, toErrorInfo } from '../errors';
import type { ChatMessage, ModelCallPurpose, ModelResponse, ResponseFormat } from '../model/provider';
import type { EscalationResolution, RunGraphOptions } from '../run-options';
import { wrapAsData } from '../trust/wrap';
import type { BudgetMeter } from './budget';
import type { EventChannel } from './event-channel';
import type { ReplayIndex } from './replay';
import { Semaphore } from './semaphore';
import type { Topology } from './topology';

/** How many times one model-call step is attempted when its stream is cut. */
const MAX_ATTEMPTS = 3;

export interface Action {
  actionId: string;
  parentActionId: string | null;
  stepKey: string | null;
  startedAt: number;
}

export interface ActionSpec {
  parent: Action | null;
  agentId: string;
  agentName: string;
  actionType: ActionType;
  stepKey?: string | null;
  attempt?: number;
  /** The action's logical inputs, hashed into `inputHash` (never the wrapped prompt text). */
  logical: unknown;
  tier?: ModelTier;
  model?: string;
  messages?: RecordedMessage[];
  summary?: string;
}

export interface ModelCallSpec {
  agentId: string;
  agentName: string;
  stepKey: string;
  tier: ModelTier;
  messages: ChatMessage[];
  responseFormat: ResponseFormat;
  purpose: ModelCallPurpose;
  logical: unknown;
}

/** How a node's output was produced, so that it can be asked again: to repair a payload or revise a draft. */
export interface Producer {
  agentId: string;
  agentName: string;
  tier: ModelTier;
  /** The system message and the task, without any earlier reply. */
  messages: ChatMessage[];
  /** The JSON Schema the reply is asked to match (the node's own output schema, or its outgoing contract's). */
  schema: JsonSchemaObject | undefined;
  /**
   * True when the schema is the node's own output schema, checked (and repaired) as the reply arrives. A schema
   * borrowed from a contract is checked by the handoff instead, so its failures are contract failures.
   */
  ownSchema: boolean;
  stepKey: string;
  logical: unknown;
}

export type Check<T> = { ok: true; value: T } | { ok: false; errors: string[] };

export class RunContext {
  readonly graph: GraphDocument;
  readonly goal: string;
  readonly input: JsonValue | undefined;
  readonly nonce: string;
  readonly signal: AbortSignal;
  private readonly controller = new AbortController();
  private readonly calls: Semaphore;
  private readonly schemas = new WeakMap<object, CompiledSchema>();
  /** The last model call that produced each node's output, for repairs and revisions. */
  readonly producers = new Map<string, Producer>();
  private inflight = 0;
  private readonly pendingEscalations = new Set<string>();
  private waitingReported = false;

  constructor(
    readonly options: RunGraphOptions,
    readonly topology: Topology,
    readonly channel: EventChannel,
    readonly meter: BudgetMeter,
    readonly replay: ReplayIndex,
    readonly clock: () => number,
    readonly ids: () => string,
    nonce: string,
    concurrency: number,
  ) {
    this.graph = options.graph;
    this.goal = options.goal;
    this.input = options.input;
    this.nonce = nonce;
    this.signal = this.controller.signal;
    // Every in-flight call listens to the run's signal; a wide fan-out is expected, not a leak.
    setMaxListeners(0, this.signal);
    this.calls = new Semaphore(concurrency);
  }

  /** Stops everything in flight and everything not yet started; the first reason wins. */
  abort(reason: unknown): void {
    if (!this.controller.signal.aborted) this.controller.abort(reason);
  }

  throwIfAborted(): void {
    if (this.signal.aborted) throw this.signal.reason instanceof Error ? this.signal.reason : new RunCancelledError();
  }

  emit(body: RunEventBody): Promise<void> {
    return this.channel.emit(body);
  }

  wrap(label: string, content: unknown): string {
    return wrapAsData(this.nonce, label, content);
  }

  async start(spec: ActionSpec): Promise<Action> {
    const action: Action = {
      actionId: this.ids(),
      parentActionId: spec.parent?.actionId ?? null,
      stepKey: spec.stepKey ?? null,
      startedAt: this.clock(),
    };
    await this.emit({
      type: 'action.started',
      ...ref(action),
      agentId: spec.agentId,
      agentName: spec.agentName,
      actionType: spec.actionType,
      inputHash: inputHash(spec.logical),
      attempt: spec.attempt ?? 1,
      ...(spec.tier ? { tier: spec.tier } : {}),
      ...(spec.model ? { model: spec.model } : {}),
      ...(spec.messages ? { messages: spec.messages } : {}),
      ...(spec.summary ? { summary: spec.summary } : {}),
    });
    return action;
  }

  complete(action: Action, output: JsonValue, extra: { usage?: ModelResponse['usage']; model?: string } = {}) {
    return this.emit({
      type: 'action.completed',
      ...ref(action),
      output,
      ...(extra.usage ? { usage: extra.usage } : {}),
      ...(extra.model ? { model: extra.model } : {}),
      durationMs: Math.max(0, this.clock() - action.startedAt),
    });
  }

  fail(action: Action, error: unknown) {
    return this.emit({
      type: 'action.failed',
      ...ref(action),
      error: toErrorInfo(error),
      durationMs: Math.max(0, this.clock() - action.startedAt),
    });
  }

  /**
   * One model-call step: reused from the replayed log when it completed there; otherwise checked against the
   * budget and run, with a cut stream retried as a new attempt action.
   */
  async callModel(parent: Action, spec: ModelCallSpec): Promise<ModelResponse> {
    // The graph's own tier mapping wins over the server's.
    const model = this.graph.models?.[spec.tier] ?? this.options.provider.info.models[spec.tier];
    const recorded = this.replay.completedStep(spec.stepKey);
    const base = {
      parent,
      agentId: spec.agentId,
      agentName: spec.agentName,
      actionType: 'llm_call' as const,
      stepKey: spec.stepKey,
      logical: { model, ...(spec.logical as object) },
      tier: spec.tier,
      model,
    };
    if (recorded) {
      const action = await this.start({ ...base, summary: 'Reused from an earlier attempt of this run.' });
      const text = typeof recorded.output === 'string' ? recorded.output : JSON.stringify(recorded.output);
      await this.complete(action, text, recorded.model ? { model: recorded.model } : {});
      return { text, usage: { inputTokens: 0, outputTokens: 0, totalTokens: 0 }, model: recorded.model ?? model };
    }
    const firstAttempt = this.replay.nextAttempt(spec.stepKey);
    for (let attempt = firstAttempt; ; attempt++) {
      this.throwIfAborted();
      this.meter.beforeCall();
      await this.calls.acquire();
      let action: Action | undefined;
      try {
        this.throwIfAborted();
        this.meter.beforeCall();
        this.meter.startCall();
        action = await this.start({ ...base, attempt, messages: spec.messages.map(recordMessage) });
        const current = action;
        this.inflight += 1;
        let response: ModelResponse;
        try {
          response = await this.options.provider.complete({
            tier: spec.tier,
            model,
            messages: spec.messages,
            responseFormat: spec.responseFormat,
            purpose: spec.purpose,
            agentName: spec.agentName,
            signal: this.signal,
            onDelta: (text) => this.channel.emitDelta(ref(current), text),
          });
        } finally {
          this.inflight -= 1;
          this.checkWaiting();
        }
        await this.complete(action, response.text, { usage: response.usage, model: response.model });
        action = undefined;
        // Throws when the tokens reach the budget: the call is recorded as completed, the run stops.
        this.meter.addUsage(response.usage);
        return response;
      } catch (error) {
        const failure = this.signal.aborted ? this.signal.reason : error;
        if (action) await this.fail(action, failure);
        const retryable = (error as { retryable?: boolean }).retryable === true && !this.signal.aborted;
        if (!action || !retryable || attempt - firstAttempt + 1 >= MAX_ATTEMPTS) {
          throw failure;
        }
      } finally {
        this.calls.release();
      }
    }
  }

  /** A model call whose reply must parse and pass `check`; a bad reply is repaired once, with the errors. */
  async structuredCall<T>(parent: Action, spec: ModelCallSpec, check: (value: unknown) => Check<T>): Promise<T> {
    const first = await this.callModel(parent, spec);
    const firstCheck = checkText(first.text, check);
    if (firstCheck.ok) return firstCheck.value;
    const repairMessages: ChatMessage[] = [
      ...spec.messages,
      {
        role: 'user',
        content:
          `${this.wrap(`${spec.agentName} previous reply`, first.text)}\n` +
          `That reply could not be used:\n- ${firstCheck.errors.join('\n- ')}\n` +
          'Reply again with corrected JSON only.',
      },
    ];
    const second = await this.callModel(parent, {
      ...spec,
      stepKey: `${spec.stepKey}/repair`,
      messages: repairMessages,
      purpose: { kind: 'repair', errors: firstCheck.errors },
      logical: { repairOf: spec.logical, previous: first.text, errors: firstCheck.errors },
    });
    const secondCheck = checkText(second.text, check);
    if (secondCheck.ok) return secondCheck.value;
    throw new NodeExecutionError(
      'invalid_model_output',
      `${spec.agentName} gave an unusable reply twice: ${secondCheck.errors.slice(0, 3).join('; ')}`,
    );
  }

  /** Asks a person (through the handler) about a payload; a decision already in the replayed log is reused. */
  async escalate(
    parent: Action,
    request: {
      agentId: string;
      agentName: string;
      stepKey: string;
      edgeId: string;
      sourceId: string;
      targetId: string;
      contract: HandoffContract;
      payload: JsonValue;
      confidence: number | null;
      reason: string;
    },
  ): Promise<EscalationResolution> {
    const action = await this.start({
      parent,
      agentId: request.agentId,
      agentName: request.agentName,
      actionType: 'escalation',
      stepKey: request.stepKey,
      attempt: this.replay.nextAttempt(request.stepKey),
      logical: { edgeId: request.edgeId, payload: request.payload, contract: request.contract.name },
      summary: request.reason,
    });
    const escalationId = this.ids();
    const recorded = this.replay.decision(request.stepKey);
    let resolution: EscalationResolution;
    if (recorded) {
      resolution = {
        decision: recorded.decision,
        ...(recorded.payload !== undefined ? { payload: recorded.payload } : {}),
      };
    } else {
      await this.emit({
        type: 'escalation.requested',
        ...ref(action),
        escalationId,
        edgeId: request.edgeId,
        sourceId: request.sourceId,
        targetId: request.targetId,
        contract: request.contract,
        payload: request.payload,
        confidence: request.confidence,
        reason: request.reason,
      });
      this.pendingEscalations.add(escalationId);
      this.checkWaiting();
      try {
        resolution = await raceAbort(
          this.options.escalations(
            {
              escalationId,
              runId: this.options.runId,
              edgeId: request.edgeId,
              contract: request.contract,
              payload: request.payload,
              confidence: request.confidence,
              reason: request.reason,
            },
            this.signal,
          ),
          this.signal,
        );
      } catch (error) {
        this.leaveEscalation(escalationId);
        await this.fail(action, this.signal.aborted ? this.signal.reason : error);
        throw this.signal.aborted ? this.signal.reason : error;
      }
      this.leaveEscalation(escalationId);
    }
    const payload = resolution.decision === 'approve' ? request.payload : resolution.payload;
    await this.emit({
      type: 'escalation.resolved',
      ...ref(action),
      escalationId,
      decision: resolution.decision,
      ...(payload !== undefined && resolution.decision !== 'reject' ? { payload } : {}),
      ...(resolution.note ? { note: resolution.note } : {}),
    });
    await this.complete(action, { decision: resolution.decision });
    return resolution;
  }

  /** A schema of the graph (a contract's, an output schema), compiled once per run. */
  compiled(schema: JsonSchemaObject): CompiledSchema {
    let compiled = this.schemas.get(schema);
    if (!compiled) {
      compiled = compileSchema(schema);
      this.schemas.set(schema, compiled);
    }
    return compiled;
  }

  private leaveEscalation(escalationId: string): void {
    this.pendingEscalations.delete(escalationId);
    if (this.pendingEscalations.size === 0 && this.waitingReported) {
      this.waitingReported = false;
      this.meter.stopWaiting();
    }
  }

  /** The run is `waiting` when escalations are pending and no model call is in flight; checked once work settles. */
  private checkWaiting(): void {
    if (this.pendingEscalations.size === 0 || this.waitingReported) return;
    setImmediate(() => {
      if (this.pendingEscalations.size === 0 || this.waitingReported || this.inflight > 0) return;
      if (this.signal.aborted) return;
      this.waitingReported = true;
      this.meter.startWaiting();
      void this.emit({ type: 'run.waiting', escalationIds: [...this.pendingEscalations] });
    });
  }
}

export function ref(action: Action) {
  return { actionId: action.actionId, parentActionId: action.parentActionId, stepKey: action.stepKey };
}

function recordMessage(message: ChatMessage): RecordedMessage {
  return { role: message.role, content: message.content };
}

/** Parses a model's JSON reply, tolerating a code fence around it. */
export function parseJsonText(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  const trimmed = text
    .trim()
    .replace(/^```(?:json)?\s*/i, '')
    .replace(/\s*```$/, '');
  try {
    return { ok: true, value: JSON.parse(trimmed) };
  } catch (error) {
    return { ok: false, error: `The reply is not valid JSON: ${(error as Error).message}` };
  }
}

function checkText<T>(text: string, check: (value: unknown) => Check<T>): Check<T> {
  const parsed = parseJsonText(text);
  return parsed.ok ? check(parsed.value) : { ok: false, errors: [parsed.error] };
}

function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
