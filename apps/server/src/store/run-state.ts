// How one event changes a run's row: the same for every store implementation. The status steps through the
// contracts' `nextRunStatus`, the machine the browser's run view uses too.
import {
  assertNever,
  type ErrorInfo,
  type JsonValue,
  nextRunStatus,
  type RunEvent,
  type RunSpend,
  type RunStatus,
  type Usage,
} from '@baton/contracts';

export interface RunState {
  status: RunStatus;
  startedAt: number | null;
  endedAt: number | null;
  usage: Usage;
  /** Tokens per model and whether they were simulated: what the run costs, priced when it is read. */
  spend: RunSpend;
  modelCalls: number;
  eventCount: number;
  lastHash: string | null;
  result: JsonValue | null;
  error: ErrorInfo | null;
  pendingEscalations: string[];
}

export const ZERO_USAGE: Usage = { inputTokens: 0, outputTokens: 0, totalTokens: 0 };

export function applyEvent(state: RunState, event: RunEvent): RunState {
  const next: RunState = {
    ...state,
    status: nextRunStatus(state.status, event),
    eventCount: event.seq,
    lastHash: event.chain,
  };
  switch (event.type) {
    case 'run.started':
      return {
        ...next,
        startedAt: event.at,
        spend: { ...state.spend, simulated: event.provider.simulated },
      };
    case 'escalation.requested':
      return { ...next, pendingEscalations: [...state.pendingEscalations, event.escalationId] };
    case 'escalation.resolved':
      return {
        ...next,
        pendingEscalations: state.pendingEscalations.filter((id) => id !== event.escalationId),
      };
    case 'action.completed':
      // Live spend from model calls; the terminal event's totals replace it.
      if (!event.usage || !event.model) return next;
      return {
        ...next,
        usage: addUsage(state.usage, event.usage),
        modelCalls: state.modelCalls + 1,
        spend: addSpend(state.spend, event.model, event.usage),
      };
    case 'run.completed':
      return { ...ended(next, event), result: event.result };
    case 'run.failed':
      return { ...ended(next, event), error: event.error };
    case 'run.cancelled':
      return { ...ended(next, event), error: { code: 'run_cancelled', message: event.reason } };
    case 'run.interrupted':
      return {
        ...next,
        endedAt: event.at,
        // Kept: an interrupted run can be resumed, and its open escalations are waited on again under the same ids.
        error: { code: 'run_interrupted', message: event.reason },
      };
    case 'run.waiting':
    case 'action.started':
    case 'action.delta':
    case 'action.failed':
    case 'action.skipped':
    case 'handoff.validated':
    case 'handoff.rejected':
    case 'budget.exceeded':
    case 'event.redacted':
      return next;
    default:
      return assertNever(event, 'run event');
  }
}

function ended(state: RunState, event: { at: number; usage: Usage; modelCalls: number }): RunState {
  return {
    ...state,
    endedAt: event.at,
    usage: event.usage,
    modelCalls: event.modelCalls,
    pendingEscalations: [],
  };
}

function addSpend(spend: RunSpend, model: string, usage: Usage): RunSpend {
  const before = Object.hasOwn(spend.byModel, model) ? spend.byModel[model] : undefined;
  return { ...spend, byModel: { ...spend.byModel, [model]: before ? addUsage(before, usage) : usage } };
}

function addUsage(a: Usage, b: Usage): Usage {
  return {
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    totalTokens: a.totalTokens + b.totalTokens,
  };
}
