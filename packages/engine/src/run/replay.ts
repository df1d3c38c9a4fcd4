// What an earlier attempt of the run already did: completed steps to reuse, and the attempt numbers already used.
import type { JsonValue, RecordedToolCall, RunEvent, Usage } from '@baton/contracts';

export interface RecordedStep {
  output: JsonValue;
  usage: Usage | undefined;
  model: string | undefined;
  /** A model call's tool calls (a round of a tool loop). */
  toolCalls: RecordedToolCall[] | undefined;
}

export interface RecordedDecision {
  decision: 'approve' | 'edit' | 'reject';
  payload: JsonValue | undefined;
  note: string | undefined;
}

export class ReplayIndex {
  private readonly completed = new Map<string, RecordedStep>();
  private readonly decisions = new Map<string, RecordedDecision>();
  private readonly attempts = new Map<string, number>();
  readonly lastSeq: number;
  readonly lastChain: string | null;
  readonly runAttempt: number;

  constructor(events: readonly RunEvent[] = []) {
    let runAttempt = 0;
    for (const event of events) {
      switch (event.type) {
        case 'run.started':
          runAttempt = Math.max(runAttempt, event.attempt);
          break;
        case 'action.started':
          if (event.stepKey)
            this.attempts.set(event.stepKey, Math.max(this.attempts.get(event.stepKey) ?? 0, event.attempt));
          break;
        case 'action.completed':
          if (event.stepKey)
            // A tool_call step is reused like a model call: its recorded result, and the tool is not called again.
            this.completed.set(event.stepKey, {
              output: event.output,
              usage: event.usage,
              model: event.model,
              toolCalls: event.toolCalls,
            });
          break;
        case 'escalation.resolved':
          if (event.stepKey) {
            this.decisions.set(event.stepKey, { decision: event.decision, payload: event.payload, note: event.note });
          }
          break;
        default:
          break;
      }
    }
    const last = events[events.length - 1];
    this.lastSeq = last?.seq ?? 0;
    this.lastChain = last?.chain ?? null;
    this.runAttempt = runAttempt;
  }

  completedStep(stepKey: string): RecordedStep | undefined {
    return this.completed.get(stepKey);
  }

  decision(stepKey: string): RecordedDecision | undefined {
    return this.decisions.get(stepKey);
  }

  /** The attempt number a fresh execution of this step gets: one past any attempt already recorded. */
  nextAttempt(stepKey: string): number {
    return (this.attempts.get(stepKey) ?? 0) + 1;
  }
}
