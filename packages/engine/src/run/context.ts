// One run's shared state and the primitives every node kind uses: actions, model-call steps, schemas.
import { setMaxListeners } from 'node:events';
import type {
  ActionType,
  GraphDocument,
  JsonSchemaObject,
  JsonValue,
  ModelTier,
  RecordedMessage,
  RecordedToolCall,
  RunEventBody,
} from '@baton/contracts';
import { inputHash } from '../audit/canonical';
import { type CompiledSchema, compileSchema } from '../contracts/schema';
import { NodeExecutionError, RunCancelledError, StepDivergedError, toErrorInfo } from '../errors';
import { type ChatMessage, type ModelResponse, messageText, type ResponseFormat } from '../model/provider';
import type { RunGraphOptions } from '../run-options';
import { stepChanges } from '../testcase/step-changes';
import { type AgentTools, callWithTools, type ResolvedTool } from '../tools/tool-loop';
import { type DataText, type EngineText, prompt, wrapAsData } from '../trust/wrap';
import type { BudgetMeter } from './budget';
import type { EventChannel } from './event-channel';
import { repairMessage } from './prompts';
import type { ReplayIndex } from './replay';
import { Semaphore } from './semaphore';
import { FROM_RECORDING, REUSED } from './step-summary';
import type { Topology } from './topology';
import { WaitTracker } from './waiting';

/** The summary of a step run again because its recorded inputs differ from this attempt's. */
export const DIVERGED = 'Run again: an earlier attempt recorded this step with other inputs.';

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
  /** `inputHash(logical)` when the caller has it already (a step looked up in the replay). */
  inputHash?: string;
  tier?: ModelTier;
  model?: string;
  messages?: RecordedMessage[];
  summary?: string;
  /** A tool_call action's tool and arguments. */
  tool?: { source: string; name: string; arguments: JsonValue };
}

export interface ModelCallSpec {
  agentId: string;
  agentName: string;
  stepKey: string;
  tier: ModelTier;
  messages: ChatMessage[];
  responseFormat: ResponseFormat;
  logical: unknown;
  /** The agent's tools: with any, the call is a tool loop (tools/tool-loop.ts), one model call per round. */
  tools?: AgentTools;
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
  /** The agent's tools, when it has any. */
  tools?: AgentTools;
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
  /** Tells when the run is waiting for a person: escalations pending and no model call in flight. */
  readonly waiting: WaitTracker;
  /** The tools the graph's agents name, by `source/name`, resolved against the run's sources before any node runs. */
  readonly tools = new Map<string, ResolvedTool>();

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
    this.waiting = new WaitTracker(meter, (escalationIds) => {
      if (!this.signal.aborted) void this.emit({ type: 'run.waiting', escalationIds });
    });
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

  /** Agent output (or anything derived from it) as data for a user message: the one way it reaches a prompt. */
  wrap(label: EngineText, content: JsonValue): DataText {
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
      inputHash: spec.inputHash ?? inputHash(spec.logical),
      attempt: spec.attempt ?? 1,
      ...(spec.tier ? { tier: spec.tier } : {}),
      ...(spec.model ? { model: spec.model } : {}),
      ...(spec.messages ? { messages: spec.messages } : {}),
      ...(spec.summary ? { summary: spec.summary } : {}),
      ...(spec.tool ? { tool: spec.tool } : {}),
    });
    return action;
  }

  complete(
    action: Action,
    output: JsonValue,
    extra: {
      usage?: ModelResponse['usage'];
      model?: string;
      toolCalls?: ModelResponse['toolCalls'];
      finishReason?: ModelResponse['finishReason'];
    } = {},
  ) {
    return this.emit({
      type: 'action.completed',
      ...ref(action),
      output,
      ...(extra.usage ? { usage: extra.usage } : {}),
      ...(extra.model ? { model: extra.model } : {}),
      ...(extra.toolCalls ? { toolCalls: extra.toolCalls.map((c) => ({ ...c })) } : {}),
      ...(extra.finishReason ? { finishReason: extra.finishReason } : {}),
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
    const recording = this.options.recording;
    // A test case's recorded mapping wins (so its inputs hash the same), then the graph's own, then the server's.
    const model =
      recording?.models[spec.tier] ?? this.graph.models?.[spec.tier] ?? this.options.provider.info.models[spec.tier];
    const logical = { model, ...(spec.logical as object) };
    const hash = inputHash(logical);
    const recorded = this.replay.completedStep(spec.stepKey, hash);
    if (recorded.kind === 'reuse') {
      const action = await this.start(llmCallSpec(parent, spec, model, logical, hash, { summary: REUSED }));
      const { output, model: recordedModel, toolCalls: recordedToolCalls, finishReason } = recorded.value;
      const text = typeof output === 'string' ? output : JSON.stringify(output);
      const toolCalls = recordedToolCalls ?? [];
      // The reused completion says what the recorded one said, so its span is the same; older logs have no reason.
      await this.complete(action, text, {
        ...(recordedModel ? { model: recordedModel } : {}),
        ...(toolCalls.length ? { toolCalls } : {}),
        ...(finishReason ? { finishReason } : {}),
      });
      return {
        text,
        toolCalls,
        finishReason: finishReason ?? (toolCalls.length ? 'tool_calls' : 'stop'),
        usage: { inputTokens: 0, outputTokens: 0, totalTokens: 0 },
        model: recordedModel ?? model,
      };
    }
    if (recording) {
      const messages = spec.messages.map(recordMessage);
      const found = recording.lookup(spec, hash, (step) => stepChanges(step, model, messages));
      if (found.kind === 'reuse') {
        const action = await this.start(
          llmCallSpec(parent, spec, model, logical, hash, { messages, summary: FROM_RECORDING }),
        );
        return this.answerFromRecord(action, found.step.output, found.step.model ?? model, found.step.toolCalls ?? []);
      }
      if (!recording.live) {
        const action = await this.start(llmCallSpec(parent, spec, model, logical, hash, { messages }));
        const error = new StepDivergedError(spec.stepKey, spec.agentName, found.verdict.changes);
        await this.fail(action, error);
        throw error;
      }
      // Live: the diverged step is called like any other, below; its answer joins the report for the output diff.
    }
    const firstAttempt = this.replay.nextAttempt(spec.stepKey);
    for (let attempt = firstAttempt; ; attempt++) {
      this.throwIfAborted();
      this.meter.beforeCall();
      const slot = this.calls.acquire();
      if (slot) await slot;
      let action: Action | undefined;
      try {
        this.throwIfAborted();
        this.meter.beforeCall();
        this.meter.startCall();
        action = await this.start(
          llmCallSpec(parent, spec, model, logical, hash, {
            attempt,
            messages: spec.messages.map(recordMessage),
            ...(recorded.kind === 'diverged' && attempt === firstAttempt ? { summary: DIVERGED } : {}),
          }),
        );
        const current = action;
        this.waiting.callStarted();
        let response: ModelResponse;
        try {
          response = await this.options.provider.complete({
            tier: spec.tier,
            model,
            messages: spec.messages,
            responseFormat: spec.responseFormat,
            ...(spec.tools?.definitions.length ? { tools: spec.tools.definitions } : {}),
            agentName: spec.agentName,
            signal: this.signal,
            onPart: (part) => {
              if (part.type === 'text-delta') this.channel.emitDelta(ref(current), part.text);
            },
            actionId: current.actionId,
          });
        } finally {
          this.waiting.callEnded();
        }
        await this.complete(action, response.text, {
          usage: response.usage,
          model: response.model,
          ...(response.toolCalls.length ? { toolCalls: response.toolCalls } : {}),
          finishReason: response.finishReason,
        });
        action = undefined;
        recording?.answered(spec.stepKey, response.text);
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

  /**
   * Completes a reused step with its recorded output (and the tool calls its reply asked for, which the tool loop
   * then answers from the recording too): no model call, no budget spent.
   */
  private async answerFromRecord(
    action: Action,
    output: JsonValue,
    model: string,
    toolCalls: RecordedToolCall[],
  ): Promise<ModelResponse> {
    const text = typeof output === 'string' ? output : JSON.stringify(output);
    await this.complete(action, text, { model, ...(toolCalls.length ? { toolCalls } : {}) });
    return {
      text,
      toolCalls,
      finishReason: toolCalls.length ? 'tool_calls' : 'stop',
      usage: { inputTokens: 0, outputTokens: 0, totalTokens: 0 },
      model,
    };
  }

  /** A model call whose reply must parse and pass `check`; a bad reply is repaired once, with the errors. */
  async structuredCall<T>(parent: Action, spec: ModelCallSpec, check: (value: unknown) => Check<T>): Promise<T> {
    const { response: first, messages } = await callWithTools(this, parent, spec);
    const firstCheck = checkText(first.text, check);
    if (firstCheck.ok) return firstCheck.value;
    // The repair sees what the tools returned (the loop's messages), and gets no tools: it only fixes the JSON.
    const repairMessages: ChatMessage[] = [
      ...messages,
      {
        role: 'user',
        content: repairMessage(this, {
          agentName: spec.agentName,
          what: prompt`previous reply`,
          lead: prompt`That reply could not be used.`,
          ask: prompt`Reply again with corrected JSON only.`,
          previous: first.text,
          problems: firstCheck.errors,
        }),
      },
    ];
    const second = await this.callModel(parent, {
      ...spec,
      tools: undefined,
      stepKey: `${spec.stepKey}/repair`,
      messages: repairMessages,
      logical: { repairOf: spec.logical, previous: first.text, errors: firstCheck.errors },
    });
    const secondCheck = checkText(second.text, check);
    if (secondCheck.ok) return secondCheck.value;
    throw new NodeExecutionError(
      'invalid_model_output',
      `${spec.agentName} gave an unusable reply twice: ${secondCheck.errors.slice(0, 3).join('; ')}`,
    );
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
}

/**
 * The action a model call records. Written out, not `{ ...base, attempt }`: in V8 a spread copy that then gets
 * more keys costs about 1 µs and 1 KB, against 0.02 µs for a literal.
 */
function llmCallSpec(
  parent: Action,
  spec: ModelCallSpec,
  model: string,
  logical: object,
  hash: string,
  fields: { attempt?: number; messages?: RecordedMessage[]; summary?: string },
): ActionSpec {
  return {
    parent,
    agentId: spec.agentId,
    agentName: spec.agentName,
    actionType: 'llm_call',
    stepKey: spec.stepKey,
    logical,
    inputHash: hash,
    tier: spec.tier,
    model,
    attempt: fields.attempt,
    messages: fields.messages,
    summary: fields.summary,
  };
}

export function ref(action: Action) {
  return { actionId: action.actionId, parentActionId: action.parentActionId, stepKey: action.stepKey };
}

function recordMessage(message: ChatMessage): RecordedMessage {
  const recorded: RecordedMessage = { role: message.role, content: messageText(message) };
  if (message.role === 'assistant' && message.toolCalls?.length) {
    recorded.toolCalls = message.toolCalls.map((call) => ({ id: call.id, name: call.name, arguments: call.arguments }));
  }
  if (message.role === 'tool') recorded.toolCallId = message.toolCallId;
  return recorded;
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
