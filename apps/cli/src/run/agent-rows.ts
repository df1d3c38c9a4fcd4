// What the progress views show: one row per agent (node), its state, tokens and latest text, folded from run events.
import { assertNever, type RunEvent, type Usage } from '@baton/contracts';
import { printable } from '../terminal-text';

export type AgentState = 'running' | 'completed' | 'failed' | 'skipped' | 'cancelled';

export interface AgentRow {
  agentId: string;
  name: string;
  state: AgentState;
  tokens: number;
  /** The tail of what the agent last streamed, on one line. */
  lastText: string;
  startedAt: number;
  endedAt: number | null;
  /** Its node action and dispatched subtasks that have not ended. */
  open: number;
  /** Its handoffs waiting for a person (shown over its state: the agent may be done, its output is held). */
  waiting: number;
}

/** A change worth one line in the plain view. */
export type AgentChange = { row: AgentRow; what: 'started' | 'ended' };

const TEXT_TAIL = 200;

export class AgentRows {
  readonly rows = new Map<string, AgentRow>();
  /** action id -> the agent it belongs to and whether it is one of the agent's own pieces of work. */
  private readonly actions = new Map<string, { agentId: string; top: boolean }>();
  usage: Usage = { inputTokens: 0, outputTokens: 0, totalTokens: 0 };
  modelCalls = 0;

  /** Applies an event; returns the row it started or ended, if any. */
  apply(event: RunEvent): AgentChange | null {
    switch (event.type) {
      case 'action.started': {
        // An agent's own pieces of work: its node action, a subtask dispatched to it, a mesh peer's turn (an action
        // under another agent's). A handoff is the source passing its output on, not new work; the rest nests inside.
        const parent = event.parentActionId === null ? undefined : this.actions.get(event.parentActionId);
        const top =
          event.actionType === 'node' ||
          event.actionType === 'dispatch' ||
          (event.actionType !== 'handoff' && parent !== undefined && parent.agentId !== event.agentId);
        this.actions.set(event.actionId, { agentId: event.agentId, top });
        let row = this.rows.get(event.agentId);
        if (!row) {
          row = {
            agentId: event.agentId,
            name: event.agentName,
            state: 'running',
            tokens: 0,
            lastText: '',
            startedAt: event.at,
            endedAt: null,
            open: 0,
            waiting: 0,
          };
          this.rows.set(event.agentId, row);
        }
        if (!top) return null;
        row.open += 1;
        if (row.open > 1) return null;
        Object.assign(row, { state: 'running', startedAt: event.at, endedAt: null });
        return { row, what: 'started' };
      }
      case 'action.delta': {
        const row = this.rowOf(event.actionId);
        if (row) row.lastText = printable((row.lastText + event.text).replace(/\s+/g, ' ')).slice(-TEXT_TAIL);
        return null;
      }
      case 'action.completed': {
        const row = this.rowOf(event.actionId);
        if (event.usage && event.model) {
          this.modelCalls += 1;
          this.usage = add(this.usage, event.usage);
          if (row) row.tokens += event.usage.totalTokens;
        }
        return this.end(event.actionId, 'completed', event.at);
      }
      case 'action.failed':
        return this.end(event.actionId, event.error.code === 'run_cancelled' ? 'cancelled' : 'failed', event.at);
      case 'action.skipped': {
        const row: AgentRow = this.rows.get(event.agentId) ?? {
          agentId: event.agentId,
          name: event.agentName,
          state: 'skipped',
          tokens: 0,
          lastText: event.reason,
          startedAt: event.at,
          endedAt: event.at,
          open: 0,
          waiting: 0,
        };
        Object.assign(row, { state: 'skipped', endedAt: event.at, lastText: event.reason });
        this.rows.set(event.agentId, row);
        return { row, what: 'ended' };
      }
      case 'escalation.requested': {
        const row = this.rowOf(event.actionId);
        if (row) row.waiting += 1;
        return null;
      }
      case 'escalation.resolved': {
        const row = this.rowOf(event.actionId);
        if (row) row.waiting = Math.max(0, row.waiting - 1);
        return null;
      }
      case 'run.completed':
      case 'run.failed':
      case 'run.cancelled':
        this.usage = event.usage;
        this.modelCalls = event.modelCalls;
        return null;
      case 'run.started':
      case 'run.waiting':
      case 'run.interrupted':
      case 'handoff.validated':
      case 'handoff.rejected':
      case 'budget.exceeded':
      case 'event.redacted':
        return null;
      default:
        return assertNever(event, 'run event');
    }
  }

  private rowOf(actionId: string): AgentRow | undefined {
    const action = this.actions.get(actionId);
    return action ? this.rows.get(action.agentId) : undefined;
  }

  private end(actionId: string, state: AgentState, at: number): AgentChange | null {
    const action = this.actions.get(actionId);
    const row = action ? this.rows.get(action.agentId) : undefined;
    if (!action?.top || !row) return null;
    row.open = Math.max(0, row.open - 1);
    if (row.open > 0) return null;
    Object.assign(row, { state, endedAt: at });
    return { row, what: 'ended' };
  }
}

function add(a: Usage, b: Usage): Usage {
  return {
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    totalTokens: a.totalTokens + b.totalTokens,
  };
}
