// Builds well-formed RunEvents for tests of the run view: a tiny script of a run, sealed with fake hashes.
import {
  type ActionType,
  type JsonValue,
  type ProviderInfo,
  RUN_EVENT_VERSION,
  RunEvent,
  type RunEventBody,
} from '@baton/contracts';

export const SIMULATED_PROVIDER: ProviderInfo = {
  kind: 'simulated',
  simulated: true,
  baseUrlHost: null,
  models: { fast: 'sim-fast', balanced: 'sim-balanced', deep: 'sim-deep' },
};

/** Seals bodies into events with consecutive seqs; each event is checked against the contracts' schema. */
export class EventScript {
  private seq = 0;
  readonly events: RunEvent[] = [];

  constructor(
    readonly runId = 'run_1',
    private clock = 1_000,
  ) {}

  add(body: RunEventBody, advanceMs = 10): RunEvent {
    this.seq += 1;
    this.clock += advanceMs;
    const event = RunEvent.parse({
      ...body,
      v: RUN_EVENT_VERSION,
      runId: this.runId,
      seq: this.seq,
      at: this.clock,
      digest: `d${this.seq}`,
      chain: `c${this.seq}`,
    });
    this.events.push(event);
    return event;
  }

  started(goal = 'Write a haiku'): RunEvent {
    return this.add({
      type: 'run.started',
      graphId: 'g1',
      graphVersion: 1,
      goal,
      provider: SIMULATED_PROVIDER,
      budget: { maxModelCalls: 100, maxTokens: 100_000, maxWallSeconds: 600 },
      attempt: 1,
    });
  }

  actionStarted(
    actionId: string,
    parentActionId: string | null,
    agentId: string,
    actionType: ActionType = 'node',
  ): RunEvent {
    return this.add({
      type: 'action.started',
      actionId,
      parentActionId,
      stepKey: `${agentId}:${actionId}`,
      agentId,
      agentName: agentId,
      actionType,
      inputHash: `hash-${actionId}`,
      attempt: 1,
    });
  }

  delta(actionId: string, parentActionId: string | null, text: string): RunEvent {
    return this.add({ type: 'action.delta', actionId, parentActionId, stepKey: null, text });
  }

  completed(actionId: string, parentActionId: string | null, output: JsonValue = 'ok', tokens = 10): RunEvent {
    return this.add({
      type: 'action.completed',
      actionId,
      parentActionId,
      stepKey: null,
      output,
      usage: { inputTokens: tokens, outputTokens: tokens, totalTokens: tokens * 2 },
      durationMs: 10,
    });
  }
}
