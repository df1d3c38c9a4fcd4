// What earlier attempts of the run already did: completed steps to reuse, open escalations, attempt numbers, spend.
//
// Generic over step kinds: a step is anything with a `stepKey` (a model call, a person's decision, later a tool
// call). Its recorded outcome is reused only when the step's inputs hash the same as in this attempt; otherwise it
// is *diverged* and runs again as a new attempt (the graph version is pinned per run, so this happens only when an
// upstream step took a different turn, e.g. a person decided differently, or a reply was lost and came back other).
import type { FinishReason, JsonValue, RecordedToolCall, RunEvent, Usage } from '@baton/contracts';
import { NO_PRIOR_SPEND, type PriorSpend, priorSpend } from './prior-spend';

export interface RecordedStep {
  output: JsonValue;
  usage: Usage | undefined;
  model: string | undefined;
  /** A model call's tool calls (a round of a tool loop). */
  toolCalls: RecordedToolCall[] | undefined;
  /** A model call's finish reason, when the log recorded one. */
  finishReason: FinishReason | undefined;
}

export interface RecordedDecision {
  decision: 'approve' | 'edit' | 'reject';
  payload: JsonValue | undefined;
  note: string | undefined;
  escalationId: string;
}

/** A step's recorded outcome, looked up with the inputs of this attempt. */
export type Lookup<T> = { kind: 'reuse'; value: T } | { kind: 'diverged' } | { kind: 'none' };

export class ReplayIndex {
  private readonly completed = new Map<string, { hash: string | undefined; step: RecordedStep }>();
  private readonly decisions = new Map<string, { hash: string | undefined; decision: RecordedDecision }>();
  /** Escalations asked and not answered, by step key: a resumed attempt waits on the same id instead of asking again. */
  private readonly openEscalations = new Map<string, { hash: string | undefined; escalationId: string }>();
  private readonly attempts = new Map<string, number>();
  readonly lastSeq: number;
  readonly lastChain: string | null;
  readonly runAttempt: number;
  readonly spent: PriorSpend;

  constructor(events: readonly RunEvent[] = []) {
    let runAttempt = 0;
    const hashOfAction = new Map<string, string>();
    for (const event of events) {
      switch (event.type) {
        case 'run.started':
          runAttempt = Math.max(runAttempt, event.attempt);
          break;
        case 'action.started':
          if (event.stepKey) {
            hashOfAction.set(event.actionId, event.inputHash);
            this.attempts.set(event.stepKey, Math.max(this.attempts.get(event.stepKey) ?? 0, event.attempt));
          }
          break;
        case 'action.completed':
          if (event.stepKey) {
            this.completed.set(event.stepKey, {
              hash: hashOfAction.get(event.actionId),
              // A tool_call step is reused like a model call: its recorded result, and the tool is not called again.
              step: {
                output: event.output,
                usage: event.usage,
                model: event.model,
                toolCalls: event.toolCalls,
                finishReason: event.finishReason,
              },
            });
          }
          break;
        case 'escalation.requested':
          if (event.stepKey) {
            this.openEscalations.set(event.stepKey, {
              hash: hashOfAction.get(event.actionId),
              escalationId: event.escalationId,
            });
          }
          break;
        case 'escalation.resolved':
          if (event.stepKey) {
            this.openEscalations.delete(event.stepKey);
            this.decisions.set(event.stepKey, {
              hash: hashOfAction.get(event.actionId),
              decision: {
                decision: event.decision,
                payload: event.payload,
                note: event.note,
                escalationId: event.escalationId,
              },
            });
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
    this.spent = events.length > 0 ? priorSpend(events) : NO_PRIOR_SPEND;
  }

  completedStep(stepKey: string, inputHash: string): Lookup<RecordedStep> {
    return lookup(this.completed.get(stepKey), inputHash, (entry) => entry.step);
  }

  decision(stepKey: string, inputHash: string): Lookup<RecordedDecision> {
    return lookup(this.decisions.get(stepKey), inputHash, (entry) => entry.decision);
  }

  /** The id of an escalation an earlier attempt asked with these inputs and nobody answered yet. */
  openEscalation(stepKey: string, inputHash: string): string | undefined {
    const open = this.openEscalations.get(stepKey);
    return open && open.hash === inputHash ? open.escalationId : undefined;
  }

  /** The attempt number a fresh execution of this step gets: one past any attempt already recorded. */
  nextAttempt(stepKey: string): number {
    return (this.attempts.get(stepKey) ?? 0) + 1;
  }
}

function lookup<E extends { hash: string | undefined }, T>(
  entry: E | undefined,
  inputHash: string,
  value: (entry: E) => T,
): Lookup<T> {
  if (!entry) return { kind: 'none' };
  return entry.hash === inputHash ? { kind: 'reuse', value: value(entry) } : { kind: 'diverged' };
}
