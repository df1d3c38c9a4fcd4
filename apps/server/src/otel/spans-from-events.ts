// A run's stored events as OpenTelemetry spans, in the GenAI semantic conventions: a pure function of the log, with
// no SDK state, so the live exporter and the file export give the same spans, with the events' times.
//
// The log is already a span tree: `action.started` opens an action (its parent is `parentActionId`), `action.completed`
// / `action.failed` close it, `action.skipped` is an action that never ran. The run itself is the root. A resumed run's
// log holds every attempt: an action is exported once, from its first start to its last end.
import { assertNever, type RunEvent, type RunEventOfType } from '@baton/contracts';
import {
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_PROVIDER_NAME,
  ATTR_GEN_AI_WORKFLOW_NAME,
  GEN_AI_OPERATION_NAME_VALUE_INVOKE_WORKFLOW,
} from '@opentelemetry/semantic-conventions/incubating';
import { ActionIdentities } from './action-identity';
import { actionAttributes, type ContentOptions, providerName, spanKindOf, spanNameOf } from './span-attributes';
import { actionSpanIdOf, runSpanIdOf, traceIdOf } from './trace-ids';

export type SpanAttributeValue = string | number | boolean | string[];
export type SpanAttributes = Record<string, SpanAttributeValue>;

export interface MappedSpan {
  traceId: string;
  spanId: string;
  /** Null for the run's span when no caller's context was given. */
  parentSpanId: string | null;
  name: string;
  kind: 'internal' | 'client';
  /** Unix epoch milliseconds, from the events. */
  startMs: number;
  endMs: number;
  status: { code: 'unset' | 'ok' | 'error'; message?: string };
  attributes: SpanAttributes;
}

export interface SpanMappingOptions extends ContentOptions {
  /** The graph's name (the log holds its id and version only). */
  graphName: string;
  /** A caller's W3C trace context the run was started under: the run's span becomes a child of it. */
  parent?: { traceId: string; spanId: string };
}

/** One action as the log tells it, across attempts. */
export interface ActionRecord {
  started?: RunEventOfType<'action.started'>;
  skipped?: RunEventOfType<'action.skipped'>;
  ended?: RunEventOfType<'action.completed'> | RunEventOfType<'action.failed'>;
  /** Handoff and escalation events that carry this action's id, in log order. */
  details: RunEvent[];
  /** Set while the action is open at the end of an attempt that was cut short: when that attempt ended. */
  interruptedAt?: number;
  /** The canonical id of the parent action (see action-identity.ts), null under the run. */
  parentId?: string | null;
}

type RunStarted = RunEventOfType<'run.started'>;
type RunEnd = RunEventOfType<'run.completed' | 'run.failed' | 'run.cancelled' | 'run.interrupted'>;

/**
 * The spans of every action that has ended, and the run's span once the run has ended (a run still going, or waiting
 * for a person, has no run span yet: its end is not known). Unended actions of an ended run end with the run, marked
 * as errors: that is what an interrupted attempt left.
 */
export function spansFromEvents(events: readonly RunEvent[], options: SpanMappingOptions): MappedSpan[] {
  const first = events.find((e): e is RunStarted => e.type === 'run.started');
  if (!first) return [];
  const runId = first.runId;
  const traceId = options.parent?.traceId ?? traceIdOf(runId);
  const runSpanId = runSpanIdOf(runId);
  const actions = collectActions(events);
  const end = runEnd(events);
  const spans: MappedSpan[] = [];

  for (const [actionId, action] of actions) {
    const head = action.started ?? action.skipped;
    if (!head) continue; // details of an action whose start is not in the log: nothing to hang them on
    const startMs = head.at;
    const endMs = action.ended?.at ?? action.skipped?.at ?? action.interruptedAt ?? end?.at;
    if (endMs === undefined) continue;
    const parent = action.parentId ?? null;
    spans.push({
      traceId,
      spanId: actionSpanIdOf(runId, actionId),
      parentSpanId: parent !== null && actions.has(parent) ? actionSpanIdOf(runId, parent) : runSpanId,
      name: spanNameOf(head),
      kind: spanKindOf(head.actionType),
      startMs,
      endMs,
      status: actionStatus(action),
      attributes: actionAttributes(action, first.provider, options),
    });
  }

  if (end) {
    const attempts = events.filter((e) => e.type === 'run.started').length;
    const attributes: SpanAttributes = {
      [ATTR_GEN_AI_OPERATION_NAME]: GEN_AI_OPERATION_NAME_VALUE_INVOKE_WORKFLOW,
      [ATTR_GEN_AI_WORKFLOW_NAME]: options.graphName,
      [ATTR_GEN_AI_PROVIDER_NAME]: providerName(first.provider.kind),
      'baton.run.id': runId,
      'baton.graph.id': first.graphId,
      'baton.run.status': end.type.slice('run.'.length),
      'baton.run.attempts': attempts,
    };
    if (first.graphVersion !== null) attributes['baton.graph.version'] = first.graphVersion;
    if (end.type !== 'run.interrupted') {
      attributes['baton.usage.input_tokens'] = end.usage.inputTokens;
      attributes['baton.usage.output_tokens'] = end.usage.outputTokens;
      attributes['baton.model_calls'] = end.modelCalls;
    }
    spans.unshift({
      traceId,
      spanId: runSpanId,
      parentSpanId: options.parent?.spanId ?? null,
      name: `${GEN_AI_OPERATION_NAME_VALUE_INVOKE_WORKFLOW} ${options.graphName}`,
      kind: 'internal',
      startMs: first.at,
      endMs: end.at,
      status: runStatus(end),
      attributes,
    });
  }
  return spans;
}

function collectActions(events: readonly RunEvent[]): Map<string, ActionRecord> {
  const actions = new Map<string, ActionRecord>();
  const ids = new ActionIdentities();
  const of = (id: string) => {
    let record = actions.get(id);
    if (!record) {
      record = { details: [] };
      actions.set(id, record);
    }
    return record;
  };
  for (const event of events) {
    switch (event.type) {
      case 'action.started': {
        const record = of(ids.register(event));
        record.started ??= event; // the first start is the true one, across attempts
        record.parentId ??= event.parentActionId === null ? null : ids.idOf(event.parentActionId);
        // A step left open by an earlier attempt runs again: it is open until this attempt ends it.
        record.interruptedAt = undefined;
        break;
      }
      case 'action.skipped': {
        const record = of(ids.register(event));
        record.skipped = event;
        record.parentId ??= event.parentActionId === null ? null : ids.idOf(event.parentActionId);
        break;
      }
      case 'action.completed':
      case 'action.failed': {
        const record = of(ids.idOf(event.actionId));
        // A step a later attempt reuses ends again, at the reuse: the work was done when it first completed.
        if (record.ended?.type !== 'action.completed') record.ended = event;
        record.interruptedAt = undefined;
        break;
      }
      case 'handoff.validated':
      case 'handoff.rejected':
      case 'escalation.requested':
      case 'escalation.resolved':
        of(ids.idOf(event.actionId)).details.push(event);
        break;
      case 'run.started':
      case 'run.interrupted':
        // What an attempt left open ends where the attempt ended (unless a later attempt finishes it).
        for (const record of actions.values())
          if (record.started && !record.ended && record.interruptedAt === undefined) record.interruptedAt = event.at;
        if (event.type === 'run.started') ids.nextAttempt();
        break;
      case 'action.delta':
      case 'run.waiting':
      case 'run.completed':
      case 'run.failed':
      case 'run.cancelled':
      case 'budget.exceeded':
      case 'event.redacted':
        break;
      default:
        assertNever(event);
    }
  }
  return actions;
}

/** The run's end, if the log's last run-level event ends it (an interrupted run that was resumed has not ended). */
function runEnd(events: readonly RunEvent[]): RunEnd | undefined {
  for (let i = events.length - 1; i >= 0; i--) {
    const event = events[i]!;
    if (event.type === 'run.started') return undefined;
    if (
      event.type === 'run.completed' ||
      event.type === 'run.failed' ||
      event.type === 'run.cancelled' ||
      event.type === 'run.interrupted'
    )
      return event;
  }
  return undefined;
}

function actionStatus(action: ActionRecord): MappedSpan['status'] {
  if (action.ended?.type === 'action.failed') return { code: 'error', message: action.ended.error.message };
  if (action.ended?.type === 'action.completed') return { code: 'ok' };
  if (action.skipped) return { code: 'unset' };
  return { code: 'error', message: 'The action had not finished when the run ended.' };
}

function runStatus(end: RunEnd): MappedSpan['status'] {
  switch (end.type) {
    case 'run.completed':
      return { code: 'ok' };
    case 'run.failed':
      return { code: 'error', message: end.error.message };
    case 'run.cancelled':
      return { code: 'error', message: `cancelled: ${end.reason}` };
    case 'run.interrupted':
      return { code: 'error', message: `interrupted: ${end.reason}` };
    default:
      return assertNever(end);
  }
}
