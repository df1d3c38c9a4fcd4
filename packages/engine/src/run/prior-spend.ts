// What earlier attempts of a run spent, read from their events: so that a resumed run's budget and totals count them.
import type { RunEvent, Usage } from '@baton/contracts';
import { REUSED } from './step-summary';

export interface PriorSpend {
  usage: Usage;
  /** Model calls sent (each attempt of a step counts; a reused step does not). */
  modelCalls: number;
  /** Tool calls executed, counted like model calls: a call reused from an earlier attempt does not count again. */
  toolCalls: number;
  /** Active wall time: between events of one attempt, not waiting for a person. Time between attempts is not counted. */
  activeMs: number;
}

export const NO_PRIOR_SPEND: PriorSpend = {
  usage: { inputTokens: 0, outputTokens: 0, totalTokens: 0 },
  modelCalls: 0,
  toolCalls: 0,
  activeMs: 0,
};

export function priorSpend(events: readonly RunEvent[]): PriorSpend {
  if (events.length === 0) return NO_PRIOR_SPEND;
  const usage = { inputTokens: 0, outputTokens: 0, totalTokens: 0 };
  let modelCalls = 0;
  let toolCalls = 0;
  let activeMs = 0;
  let inAttempt = false;
  let waiting = false;
  let previousAt = 0;
  for (const event of events) {
    // A new attempt starts its own clock: the gap since the last event of the one before is time no process ran it.
    if (event.type === 'run.started') {
      inAttempt = true;
      waiting = false;
    } else if (inAttempt && !waiting) {
      activeMs += Math.max(0, event.at - previousAt);
    }
    previousAt = event.at;
    switch (event.type) {
      case 'run.waiting':
        waiting = true;
        break;
      case 'escalation.resolved':
        waiting = false;
        break;
      case 'action.started':
        // A call that was sent records its messages; a step reused from an earlier attempt records none.
        if (event.actionType === 'llm_call' && event.messages !== undefined) modelCalls += 1;
        if (event.actionType === 'tool_call' && event.summary !== REUSED) toolCalls += 1;
        break;
      case 'action.completed':
        if (event.usage) {
          usage.inputTokens += event.usage.inputTokens;
          usage.outputTokens += event.usage.outputTokens;
          usage.totalTokens += event.usage.totalTokens;
        }
        break;
      case 'run.interrupted':
        inAttempt = false;
        break;
      default:
        break;
    }
  }
  return { usage, modelCalls, toolCalls, activeMs };
}
