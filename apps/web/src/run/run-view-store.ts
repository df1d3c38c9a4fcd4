// The run view: applies a run's events (idempotent by seq, batched per frame) and derives what the UI shows.
import {
  assertNever,
  formatJsonPath,
  isCancellation,
  isTerminalRunStatus,
  type ModelCall,
  nextRunStatus,
  type RunEvent,
  type Usage,
} from '@baton/contracts';
import { AttemptSteps } from './attempt-steps';
import type {
  ActionView,
  AttemptMarker,
  EdgeRunState,
  EscalationView,
  HandoffView,
  NodeRunStatus,
  RunSummaryView,
  RunTotals,
} from './view-shapes';

/** Schedules a flush: requestAnimationFrame in the browser, a manual queue in tests. */
export type FrameScheduler = (flush: () => void) => void;

const ROOT = '';
const ZERO: Usage = { inputTokens: 0, outputTokens: 0, totalTokens: 0 };

const browserScheduler: FrameScheduler = (flush) => {
  if (typeof requestAnimationFrame === 'function' && typeof document !== 'undefined' && !document.hidden) {
    requestAnimationFrame(flush);
  } else {
    setTimeout(flush, 16);
  }
};

export class RunViewStore {
  private readonly listeners = new Set<() => void>();
  private readonly scheduleFrame: FrameScheduler;
  private pending: RunEvent[] = [];
  private scheduled = false;

  private readonly actions = new Map<string, ActionView>();
  private readonly children = new Map<string, string[]>([[ROOT, []]]);
  /** agentId -> the id of its latest `node` action, and of its latest action of any type. */
  private readonly nodeAction = new Map<string, string>();
  private readonly anyAction = new Map<string, string>();
  private readonly escalations = new Map<string, EscalationView>();
  /** edgeId -> what the last handoff event on it said, and its target (to know when it has been delivered). */
  private readonly edges = new Map<string, { state: EdgeRunState | 'validated'; targetId: string }>();
  private summary: RunSummaryView;
  private treeVersionValue = 0;
  private structureVersionValue = 0;
  private newestActionIdValue: string | null = null;
  private readonly steps = new AttemptSteps();

  constructor(options: { runId?: string; scheduleFrame?: FrameScheduler } = {}) {
    this.scheduleFrame = options.scheduleFrame ?? browserScheduler;
    this.summary = {
      runId: options.runId ?? null,
      status: 'queued',
      goal: '',
      input: undefined,
      graphVersion: null,
      provider: null,
      budget: null,
      startedAt: null,
      endedAt: null,
      lastSeq: 0,
      actionCount: 0,
      eventCount: 0,
      result: undefined,
      error: null,
      endReason: null,
      totals: { usage: ZERO, modelCalls: null, activeMs: null },
      notices: [],
      pendingEscalations: [],
      attempts: [],
    };
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSummary = (): RunSummaryView => this.summary;

  /** Bumped whenever an action is added or changes (a streamed token too). */
  get treeVersion(): number {
    return this.treeVersionValue;
  }

  /** Bumped only when an action is added: the tree's shape, its agents and types change only then. */
  get structureVersion(): number {
    return this.structureVersionValue;
  }

  /** The action that started last, which a live trace follows. */
  get newestActionId(): string | null {
    return this.newestActionIdValue;
  }

  /** Queue events; they are applied together on the next frame. */
  enqueue(events: readonly RunEvent[]): void {
    for (const event of events) this.pending.push(event);
    if (this.scheduled || this.pending.length === 0) return;
    this.scheduled = true;
    this.scheduleFrame(() => this.flush());
  }

  /** Apply queued events now and notify once. */
  flush(): void {
    this.scheduled = false;
    const batch = this.pending;
    this.pending = [];
    this.applyAll(batch);
  }

  /** Apply events synchronously (replays, tests). Events at or below the last seq seen are ignored. */
  applyAll(events: readonly RunEvent[]): void {
    let changed = false;
    for (const event of events) changed = this.applyOne(event) || changed;
    if (!changed) return;
    this.refreshSummary();
    for (const listener of this.listeners) listener();
  }

  getAction(id: string): ActionView | undefined {
    return this.actions.get(id);
  }

  childrenOf(id: string | null): readonly string[] {
    return this.children.get(id ?? ROOT) ?? [];
  }

  allActions(): IterableIterator<ActionView> {
    return this.actions.values();
  }

  /** The latest `node` action of a canvas node, to open when the node is clicked. */
  nodeActionOf(nodeId: string): string | undefined {
    return this.nodeAction.get(nodeId) ?? this.anyAction.get(nodeId);
  }

  /**
   * What an action is streaming now: its own text, else the text of its most recently started descendant that
   * streams (a node's model call), so a node's detail shows its tokens as they arrive.
   */
  liveText(actionId: string): { actionId: string; text: string } | undefined {
    const own = this.actions.get(actionId);
    if (own && own.text !== '') return { actionId, text: own.text };
    let best: ActionView | undefined;
    const stack = [...this.childrenOf(actionId)];
    while (stack.length > 0) {
      const action = this.actions.get(stack.pop() as string);
      if (!action) continue;
      if (action.text !== '' && (!best || action.seq > best.seq)) best = action;
      stack.push(...this.childrenOf(action.id));
    }
    return best ? { actionId: best.id, text: best.text } : undefined;
  }

  /**
   * The model calls in an action's subtree (or the whole run's, with null): the actions without children that
   * name a model and have usage, the same leaves the live token count adds up, so nothing is counted twice.
   */
  modelCallsUnder(actionId: string | null): ModelCall[] {
    const calls: ModelCall[] = [];
    const stack = actionId === null ? [...this.childrenOf(null)] : [actionId];
    while (stack.length > 0) {
      const id = stack.pop() as string;
      const children = this.childrenOf(id);
      if (children.length > 0) {
        stack.push(...children);
        continue;
      }
      const action = this.actions.get(id);
      if (action?.model && action.usage) calls.push({ model: action.model, usage: action.usage });
    }
    return calls;
  }

  isLive(): boolean {
    return this.summary.runId !== null && !isTerminalRunStatus(this.summary.status);
  }

  /** The status a canvas node shows; undefined for a node that has not run (see `useNodeRunStatus`). */
  nodeStatus(nodeId: string): NodeRunStatus | undefined {
    for (const escalation of this.summary.pendingEscalations) {
      if (this.escalationNode(escalation) === nodeId) return 'escalated';
    }
    const actionId = this.nodeAction.get(nodeId) ?? this.anyAction.get(nodeId);
    const action = actionId === undefined ? undefined : this.actions.get(actionId);
    if (!action) return this.isLive() ? 'pending' : this.summary.runId === null ? undefined : 'idle';
    if (action.status === 'waiting') return 'escalated';
    if (action.status === 'running' && !this.isLive()) return 'cancelled';
    return action.status;
  }

  edgeState(edgeId: string): EdgeRunState | undefined {
    const edge = this.edges.get(edgeId);
    if (!edge) return undefined;
    if (edge.state !== 'validated') return edge.state;
    const target = this.nodeStatus(edge.targetId);
    return this.isLive() && (target === 'pending' || target === 'running') ? 'active' : 'done';
  }

  /** The node an escalation is shown on: the one whose action asked, else the edge's target. */
  escalationNode(escalation: EscalationView): string {
    const parent = escalation.parentActionId === null ? undefined : this.actions.get(escalation.parentActionId);
    return this.actions.get(escalation.actionId)?.agentId ?? parent?.agentId ?? escalation.targetId;
  }

  private applyOne(event: RunEvent): boolean {
    if (event.seq <= this.summary.lastSeq) return false;
    if (this.summary.runId !== null && event.runId !== this.summary.runId) return false;
    this.summary = { ...this.summary, lastSeq: event.seq, eventCount: this.summary.eventCount + 1 };
    this.applyEvent(event);
    return true;
  }

  private applyEvent(event: RunEvent): void {
    // The status steps through the contracts' machine (the server's run rows use it too); the rest is the view's.
    this.summary = { ...this.summary, status: nextRunStatus(this.summary.status, event) };
    const s = this.summary;
    switch (event.type) {
      case 'run.started':
        if (event.attempt > 1) this.beginAttempt(event.attempt, event.seq, event.at);
        this.summary = {
          ...this.summary,
          runId: event.runId,
          goal: event.goal,
          input: event.input,
          graphVersion: event.graphVersion,
          provider: event.provider,
          budget: event.budget,
          startedAt: s.startedAt ?? event.at,
          endedAt: null,
          error: null,
          endReason: null,
        };
        return;
      case 'run.waiting':
        return;
      case 'run.completed':
        this.end(event.at, { result: event.result, totals: totalsOf(event) });
        return;
      case 'run.failed':
        this.end(event.at, { error: event.error, endReason: event.error.message, totals: totalsOf(event) });
        return;
      case 'run.cancelled':
        this.end(event.at, { endReason: event.reason, totals: totalsOf(event) });
        return;
      case 'run.interrupted':
        this.end(event.at, { endReason: event.reason });
        return;
      case 'action.started':
        this.steps.start(event.stepKey);
        this.addAction({
          id: event.actionId,
          parentId: event.parentActionId,
          seq: event.seq,
          agentId: event.agentId,
          agentName: event.agentName,
          actionType: event.actionType,
          status: 'running',
          attempt: event.attempt,
          stepKey: event.stepKey,
          startedAt: event.at,
          endedAt: null,
          inputHash: event.inputHash,
          tier: event.tier,
          model: event.model,
          messages: event.messages,
          summary: event.summary,
          ...(event.tool ? { tool: event.tool } : {}),
          text: '',
          handoffs: [],
        });
        // A question nobody has answered yet, asked again by a resumed attempt (with no new request): still waiting.
        if (this.steps.isAsking(event.stepKey)) this.setWaiting(event.actionId, true);
        return;
      case 'action.delta':
        this.updateAction(event.actionId, (a) => ({ ...a, text: a.text + event.text }));
        return;
      case 'action.completed':
        this.steps.complete(event.stepKey ?? this.actions.get(event.actionId)?.stepKey ?? null);
        this.updateAction(event.actionId, (a) => ({
          ...a,
          status: 'completed',
          endedAt: event.at,
          output: event.output,
          usage: event.usage,
          model: event.model ?? a.model,
          durationMs: event.durationMs,
        }));
        return;
      case 'action.failed':
        this.updateAction(event.actionId, (a) => ({
          ...a,
          // Stopped by its run (a cancel, or another node's failure): not a failure of its own.
          status: isCancellation(event.error) ? 'cancelled' : 'failed',
          endedAt: event.at,
          error: event.error,
          durationMs: event.durationMs,
        }));
        return;
      case 'action.skipped': {
        const existing = this.actions.get(event.actionId);
        if (existing) {
          this.updateAction(event.actionId, (a) => ({
            ...a,
            status: 'skipped',
            endedAt: event.at,
            skipReason: event.reason,
          }));
          return;
        }
        this.addAction({
          id: event.actionId,
          parentId: event.parentActionId,
          seq: event.seq,
          agentId: event.agentId,
          agentName: event.agentName,
          actionType: event.actionType,
          status: 'skipped',
          attempt: 1,
          stepKey: event.stepKey,
          startedAt: event.at,
          endedAt: event.at,
          inputHash: '',
          skipReason: event.reason,
          text: '',
          handoffs: [],
        });
        return;
      }
      case 'handoff.validated':
        this.edges.set(event.edgeId, { state: 'validated', targetId: event.targetId });
        this.addHandoff(event.actionId, event.parentActionId, {
          seq: event.seq,
          edgeId: event.edgeId,
          sourceId: event.sourceId,
          targetId: event.targetId,
          contractName: event.contractName,
          outcome: event.outcome,
          confidence: event.confidence,
          detail: event.warning ? [event.warning] : [],
        });
        return;
      case 'handoff.rejected':
        if (!event.willRepair) this.edges.set(event.edgeId, { state: 'rejected', targetId: event.targetId });
        this.addHandoff(event.actionId, event.parentActionId, {
          seq: event.seq,
          edgeId: event.edgeId,
          sourceId: event.sourceId,
          targetId: event.targetId,
          contractName: event.contractName,
          outcome: event.reason,
          confidence: null,
          detail: event.errors.map(
            (e) => `${formatJsonPath(e.path)}: ${e.message}${event.willRepair ? ' (repair asked)' : ''}`,
          ),
        });
        return;
      case 'escalation.requested':
        this.steps.ask(event.stepKey);
        this.escalations.set(event.escalationId, { ...event });
        // A tool call's question holds no edge (its `edgeId` is ""): its row names the tool; a handoff's question
        // shows on the canvas's edge.
        if (event.subject?.kind === 'tool_call') {
          const asksAbout = { source: event.subject.source, name: event.subject.tool };
          this.updateAction(event.actionId, (a) => ({ ...a, asksAbout }));
        } else {
          this.edges.set(event.edgeId, { state: 'escalated', targetId: event.targetId });
        }
        this.setWaiting(event.actionId, true);
        return;
      case 'escalation.resolved': {
        this.steps.decide(event.stepKey);
        this.setWaiting(event.actionId, false);
        const escalation = this.escalations.get(event.escalationId);
        if (!escalation) return;
        this.escalations.set(event.escalationId, { ...escalation, decision: event.decision });
        if (escalation.subject?.kind === 'tool_call') return;
        this.edges.set(escalation.edgeId, {
          state: event.decision === 'reject' ? 'rejected' : 'validated',
          targetId: escalation.targetId,
        });
        return;
      }
      case 'budget.exceeded':
        this.summary = {
          ...s,
          notices: [...s.notices, `Budget ${event.limit} reached: spent ${event.spent} of ${event.limitValue}.`],
        };
        return;
      case 'event.redacted':
        // A redaction made after the fact changes a stored event, not the live view: a reload reads the redacted one.
        return;
      default:
        assertNever(event);
    }
  }

  /**
   * A resumed attempt: steps completed before are reused, steps started and not completed run again (a question
   * still open for a person is neither: it is waited on again). What the attempt before left open stops here.
   */
  private beginAttempt(attempt: number, seq: number, at: number): void {
    const marker: AttemptMarker = { attempt, seq, at, ...this.steps.beginAttempt() };
    this.summary = { ...this.summary, attempts: [...this.summary.attempts, marker] };
    this.stopOpenActions(at);
  }

  private end(at: number, patch: Partial<RunSummaryView>): void {
    this.summary = { ...this.summary, ...patch, endedAt: at };
    this.stopOpenActions(at);
  }

  /** Actions the engine left open (when its run ended, or its attempt was cut off) stop where the run stopped. */
  private stopOpenActions(at: number): void {
    for (const action of this.actions.values()) {
      if (action.status === 'running' || action.status === 'waiting') {
        this.actions.set(action.id, { ...action, status: 'cancelled', endedAt: at });
      }
    }
    this.treeVersionValue++;
  }

  private addAction(action: ActionView): void {
    const parentKnown = action.parentId !== null && this.actions.has(action.parentId);
    const siblings = this.children.get(parentKnown ? (action.parentId as string) : ROOT);
    siblings?.push(action.id);
    this.children.set(action.id, this.children.get(action.id) ?? []);
    this.actions.set(action.id, action);
    if (action.actionType === 'node') this.nodeAction.set(action.agentId, action.id);
    this.anyAction.set(action.agentId, action.id);
    this.summary = { ...this.summary, actionCount: this.actions.size };
    this.newestActionIdValue = action.id;
    this.treeVersionValue++;
    this.structureVersionValue++;
  }

  private updateAction(id: string, update: (action: ActionView) => ActionView): void {
    const action = this.actions.get(id);
    if (!action) return;
    this.actions.set(id, update(action));
    this.treeVersionValue++;
  }

  /** An escalation's action waits on a person, or works again once they decided (its completion follows). */
  private setWaiting(actionId: string, waiting: boolean): void {
    const [from, to] = waiting ? (['running', 'waiting'] as const) : (['waiting', 'running'] as const);
    this.updateAction(actionId, (a) => (a.status === from ? { ...a, status: to } : a));
  }

  /** A handoff event belongs to its own action when there is one, else to its parent. */
  private addHandoff(actionId: string, parentId: string | null, handoff: HandoffView): void {
    const owner = this.actions.has(actionId) ? actionId : parentId;
    if (owner !== null) this.updateAction(owner, (a) => ({ ...a, handoffs: [...a.handoffs, handoff] }));
  }

  private refreshSummary(): void {
    const pending = [...this.escalations.values()].filter((e) => e.decision === undefined);
    const same =
      pending.length === this.summary.pendingEscalations.length &&
      pending.every((e, i) => e === this.summary.pendingEscalations[i]);
    const totals = isTerminalRunStatus(this.summary.status)
      ? this.summary.totals
      : { ...this.summary.totals, usage: this.leafUsage() };
    this.summary = { ...this.summary, totals, pendingEscalations: same ? this.summary.pendingEscalations : pending };
  }

  /** Tokens while live: usage of the actions without children, so nested calls are counted once. */
  private leafUsage(): Usage {
    let input = 0;
    let output = 0;
    let total = 0;
    for (const action of this.actions.values()) {
      if (!action.usage || (this.children.get(action.id)?.length ?? 0) > 0) continue;
      input += action.usage.inputTokens;
      output += action.usage.outputTokens;
      total += action.usage.totalTokens;
    }
    return { inputTokens: input, outputTokens: output, totalTokens: total };
  }
}

function totalsOf(event: { usage: Usage; modelCalls: number; activeMs: number }): RunTotals {
  return { usage: event.usage, modelCalls: event.modelCalls, activeMs: event.activeMs };
}
