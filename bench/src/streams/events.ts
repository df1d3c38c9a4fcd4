// Realistic run events for the stream cases: specialists starting, streaming tokens and completing, sealed in a chain.
import type { RunEvent, RunEventBody } from '@baton/contracts';
import { sealEvent } from '@baton/engine';

const PROVIDER = {
  kind: 'simulated',
  simulated: true,
  baseUrlHost: null,
  models: { fast: 'sim-fast', balanced: 'sim-balanced', deep: 'sim-deep' },
} as const;
const DELTAS_PER_ACTION = 8;

/** The body of event number `seq` (1-based) of a run of `count` events: start, actions, completion. */
export function eventBody(seq: number, count: number): RunEventBody {
  if (seq === 1) {
    return {
      type: 'run.started',
      graphId: 'bench-stream',
      graphVersion: 1,
      goal: 'Stream a long run',
      provider: PROVIDER,
      budget: { maxModelCalls: 1_000_000, maxTokens: 1_000_000_000, maxWallSeconds: 3600 },
      attempt: 1,
    };
  }
  if (seq === count) {
    return {
      type: 'run.completed',
      result: 'done',
      usage: { inputTokens: 0, outputTokens: 0, totalTokens: 0 },
      modelCalls: 0,
      activeMs: 0,
    };
  }
  const action = Math.floor((seq - 2) / (DELTAS_PER_ACTION + 2));
  const step = (seq - 2) % (DELTAS_PER_ACTION + 2);
  const ref = { actionId: `a${action}`, parentActionId: null, stepKey: `s${action}:call:1` };
  if (step === 0) {
    return {
      ...ref,
      type: 'action.started',
      agentId: `s${action % 100}`,
      agentName: `agent_${action % 100}`,
      actionType: 'llm_call',
      inputHash: '0'.repeat(64),
      attempt: 1,
      tier: 'fast',
      model: 'sim-fast',
      summary: 'Answer the task given by the previous agent.',
    };
  }
  if (step <= DELTAS_PER_ACTION) return { ...ref, type: 'action.delta', text: `token ${step} of action ${action} ` };
  return {
    ...ref,
    type: 'action.completed',
    output: `The answer of action ${action}, with two concrete details and a one-line summary.`,
    usage: { inputTokens: 120, outputTokens: 40, totalTokens: 160 },
    model: 'sim-fast',
    durationMs: 12,
  };
}

/** Seals the events of a run of `count` events one at a time, as an engine emits them. */
export function createEventSource(runId: string, count: number) {
  let seq = 0;
  let previousChain: string | null = null;
  return {
    get done() {
      return seq >= count;
    },
    next(at: number): RunEvent {
      seq++;
      const event = sealEvent(eventBody(seq, count), { runId, seq, at, previousChain });
      previousChain = event.chain;
      return event;
    },
  };
}
