// The name, kind and attributes of one action's span. GenAI attribute names come from
// `@opentelemetry/semantic-conventions/incubating` (1.45.0); Baton's own are under `baton.*`.
//
// A node activation is `invoke_agent {name}`, a model call `chat {model}`, a tool call `execute_tool {tool}`; the
// other actions are Baton's own operations (`baton.route`, `baton.handoff`...), named `{type} {agent}`.
import type { ActionType, ProviderInfo, RecordedMessage, RunEvent } from '@baton/contracts';
import { assertNever } from '@baton/contracts';
import {
  ATTR_GEN_AI_AGENT_ID,
  ATTR_GEN_AI_AGENT_NAME,
  ATTR_GEN_AI_INPUT_MESSAGES,
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_OUTPUT_MESSAGES,
  ATTR_GEN_AI_PROVIDER_NAME,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_RESPONSE_FINISH_REASONS,
  ATTR_GEN_AI_RESPONSE_MODEL,
  ATTR_GEN_AI_SYSTEM_INSTRUCTIONS,
  ATTR_GEN_AI_TOOL_CALL_ID,
  ATTR_GEN_AI_TOOL_NAME,
  ATTR_GEN_AI_USAGE_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
  GEN_AI_OPERATION_NAME_VALUE_CHAT,
  GEN_AI_OPERATION_NAME_VALUE_EXECUTE_TOOL,
  GEN_AI_OPERATION_NAME_VALUE_INVOKE_AGENT,
} from '@opentelemetry/semantic-conventions/incubating';
import type { ActionRecord, SpanAttributes } from './spans-from-events';

export interface ContentOptions {
  /** OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT=true: prompts and replies go into the spans. */
  captureContent: boolean;
  /** Applied to every content string (the events are scrubbed when sealed; this catches secrets added since). */
  scrub: (text: string) => string;
}

/** `gen_ai.provider.name`: OpenAI's well-known value, or Baton's simulated model. */
export function providerName(kind: ProviderInfo['kind']): string {
  switch (kind) {
    case 'openai':
      return 'openai';
    case 'simulated':
      return 'baton.simulated';
    default:
      return assertNever(kind);
  }
}

type Head = Extract<RunEvent, { type: 'action.started' | 'action.skipped' }>;

export function operationOf(type: ActionType): string {
  switch (type) {
    case 'node':
      return GEN_AI_OPERATION_NAME_VALUE_INVOKE_AGENT;
    case 'llm_call':
      return GEN_AI_OPERATION_NAME_VALUE_CHAT;
    case 'tool_call':
      return GEN_AI_OPERATION_NAME_VALUE_EXECUTE_TOOL;
    case 'decompose':
    case 'dispatch':
    case 'route':
    case 'handoff':
    case 'review':
    case 'revision':
    case 'synthesis':
    case 'escalation':
    case 'mesh_round':
      return `baton.${type}`;
    default:
      return assertNever(type);
  }
}

/** Model and tool calls leave the process (client spans); everything else is Baton's own work. */
export function spanKindOf(type: ActionType): 'internal' | 'client' {
  return type === 'llm_call' || type === 'tool_call' ? 'client' : 'internal';
}

export function spanNameOf(head: Head): string {
  const operation = operationOf(head.actionType);
  switch (head.actionType) {
    case 'llm_call':
      return `${operation} ${(head.type === 'action.started' && head.model) || head.agentName}`;
    case 'tool_call':
      return `${operation} ${toolNameOf(head)}`;
    case 'node':
      return `${operation} ${head.agentName}`;
    default:
      return `${head.actionType} ${head.agentName}`;
  }
}

/** The tool's configured name, as the `tool_call` action records it (runs stored before tools had none). */
function toolNameOf(head: Head): string {
  return (head.type === 'action.started' && head.tool?.name) || head.agentName;
}

export function actionAttributes(
  action: ActionRecord,
  provider: ProviderInfo,
  options: ContentOptions,
): SpanAttributes {
  const head = (action.started ?? action.skipped)!;
  const attributes: SpanAttributes = {
    [ATTR_GEN_AI_OPERATION_NAME]: operationOf(head.actionType),
    [ATTR_GEN_AI_AGENT_NAME]: head.agentName,
    [ATTR_GEN_AI_AGENT_ID]: head.agentId,
    'baton.action.id': head.actionId,
    'baton.action.type': head.actionType,
  };
  if (head.stepKey !== null) attributes['baton.step_key'] = head.stepKey;
  if (action.started) {
    attributes['baton.input_hash'] = action.started.inputHash;
    attributes['baton.attempt'] = action.started.attempt;
    if (action.started.tier) attributes['baton.model_tier'] = action.started.tier;
  }
  if (action.skipped) attributes['baton.skipped_reason'] = action.skipped.reason;
  if (action.ended?.type === 'action.failed') attributes['error.type'] = action.ended.error.code;

  switch (head.actionType) {
    case 'llm_call':
      Object.assign(attributes, chatAttributes(action, provider, options));
      break;
    case 'tool_call':
      attributes[ATTR_GEN_AI_TOOL_NAME] = toolNameOf(head);
      attributes[ATTR_GEN_AI_TOOL_CALL_ID] = head.actionId;
      break;
    case 'route':
      if (action.ended?.type === 'action.completed') Object.assign(attributes, routeAttributes(action.ended.output));
      break;
    case 'review':
      if (action.ended?.type === 'action.completed') Object.assign(attributes, reviewAttributes(action.ended.output));
      break;
    case 'node':
    case 'decompose':
    case 'dispatch':
    case 'handoff':
    case 'revision':
    case 'synthesis':
    case 'escalation':
    case 'mesh_round':
      break;
    default:
      assertNever(head.actionType);
  }
  for (const detail of action.details) Object.assign(attributes, detailAttributes(detail));
  return attributes;
}

function chatAttributes(action: ActionRecord, provider: ProviderInfo, options: ContentOptions): SpanAttributes {
  const attributes: SpanAttributes = { [ATTR_GEN_AI_PROVIDER_NAME]: providerName(provider.kind) };
  const started = action.started;
  const ended = action.ended;
  if (started?.model) attributes[ATTR_GEN_AI_REQUEST_MODEL] = started.model;
  if (ended?.type === 'action.completed') {
    if (ended.model) attributes[ATTR_GEN_AI_RESPONSE_MODEL] = ended.model;
    if (ended.usage) {
      attributes[ATTR_GEN_AI_USAGE_INPUT_TOKENS] = ended.usage.inputTokens;
      attributes[ATTR_GEN_AI_USAGE_OUTPUT_TOKENS] = ended.usage.outputTokens;
    }
    // As the provider reported it; a run recorded before the event kept it exports none rather than a guess.
    if (ended.finishReason) attributes[ATTR_GEN_AI_RESPONSE_FINISH_REASONS] = [ended.finishReason];
  } else if (ended?.type === 'action.failed') {
    attributes[ATTR_GEN_AI_RESPONSE_FINISH_REASONS] = ['error'];
  }
  if (options.captureContent && started?.messages) {
    const system = started.messages.filter((m) => m.role === 'system');
    const rest = started.messages.filter((m) => m.role !== 'system');
    if (system.length > 0)
      attributes[ATTR_GEN_AI_SYSTEM_INSTRUCTIONS] = JSON.stringify(
        system.map((m) => ({ type: 'text', content: options.scrub(m.content) })),
      );
    attributes[ATTR_GEN_AI_INPUT_MESSAGES] = JSON.stringify(rest.map((m) => messageJson(m, options)));
  }
  if (options.captureContent && ended?.type === 'action.completed') {
    const text = typeof ended.output === 'string' ? ended.output : JSON.stringify(ended.output);
    attributes[ATTR_GEN_AI_OUTPUT_MESSAGES] = JSON.stringify([
      {
        role: 'assistant',
        parts: [{ type: 'text', content: options.scrub(text) }],
        // The conventions' output message requires one; older runs did not record it, and most ended with `stop`.
        finish_reason: ended.finishReason ?? 'stop',
      },
    ]);
  }
  return attributes;
}

/** The GenAI conventions' message shape: a role and its parts. */
function messageJson(message: RecordedMessage, options: ContentOptions) {
  return { role: message.role, parts: [{ type: 'text', content: options.scrub(message.content) }] };
}

function routeAttributes(output: unknown): SpanAttributes {
  const o = (output ?? {}) as { chosen?: unknown; fallback?: unknown };
  const attributes: SpanAttributes = {};
  if (typeof o.chosen === 'string') attributes['baton.decision'] = o.chosen;
  if (typeof o.fallback === 'boolean') attributes['baton.route.fallback'] = o.fallback;
  return attributes;
}

function reviewAttributes(output: unknown): SpanAttributes {
  const o = (output ?? {}) as { approved?: unknown };
  return typeof o.approved === 'boolean' ? { 'baton.decision': o.approved ? 'approved' : 'revise' } : {};
}

function detailAttributes(event: RunEvent): SpanAttributes {
  switch (event.type) {
    case 'handoff.validated': {
      const a: SpanAttributes = { 'baton.handoff.edge_id': event.edgeId, 'baton.handoff.outcome': event.outcome };
      if (event.contractName !== null) a['baton.contract'] = event.contractName;
      if (event.confidence !== null) a['baton.confidence'] = event.confidence;
      return a;
    }
    case 'handoff.rejected': {
      const a: SpanAttributes = { 'baton.handoff.edge_id': event.edgeId, 'baton.handoff.rejected': event.reason };
      if (event.contractName !== null) a['baton.contract'] = event.contractName;
      return a;
    }
    case 'escalation.requested': {
      const a: SpanAttributes = {
        'baton.escalation.id': event.escalationId,
        'baton.contract': event.contract.name,
        'baton.escalation.reason': event.reason,
      };
      if (event.confidence !== null) a['baton.confidence'] = event.confidence;
      return a;
    }
    case 'escalation.resolved':
      return { 'baton.escalation.id': event.escalationId, 'baton.decision': event.decision };
    default:
      return {};
  }
}
