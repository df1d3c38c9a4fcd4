// The same step across attempts. A resumed run replays its log and emits every action again under new ids (reused
// calls included), so one step of the run appears once per attempt. A step is known by where it sits: its parent
// step, its type, its agent, its step key, and its rank among siblings alike. Every attempt's id of a step is mapped
// to the first attempt's id, so the step is one span, from its first start to its last end.
import type { RunEvent } from '@baton/contracts';

export class ActionIdentities {
  /** Step identity -> the id the step had in the first attempt that ran it. */
  private readonly canonical = new Map<string, string>();
  /** This attempt's action id -> the step's canonical id and identity. */
  private attemptIds = new Map<string, { id: string; identity: string }>();
  private siblings = new Map<string, number>();

  /** A new attempt begins (a `run.started`): its action ids are new. */
  nextAttempt(): void {
    this.attemptIds = new Map();
    this.siblings = new Map();
  }

  /** The canonical id of an action an event names (its own id when it is not a repeat of an earlier step). */
  idOf(actionId: string): string {
    return this.attemptIds.get(actionId)?.id ?? actionId;
  }

  /** Registers an action's first event in this attempt and returns its canonical id. */
  register(event: Extract<RunEvent, { type: 'action.started' | 'action.skipped' }>): string {
    const known = this.attemptIds.get(event.actionId);
    if (known) return known.id;
    const parent =
      event.parentActionId === null
        ? 'run'
        : (this.attemptIds.get(event.parentActionId)?.identity ?? event.parentActionId);
    const kind = `${parent}/${event.actionType}:${event.agentId}:${event.stepKey ?? ''}`;
    const rank = this.siblings.get(kind) ?? 0;
    this.siblings.set(kind, rank + 1);
    const identity = `${kind}#${rank}`;
    let id = this.canonical.get(identity);
    if (id === undefined) {
      id = event.actionId;
      this.canonical.set(identity, id);
    }
    this.attemptIds.set(event.actionId, { id, identity });
    return id;
  }
}
