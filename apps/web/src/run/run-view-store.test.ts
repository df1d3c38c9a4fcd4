import { describe, expect, it } from 'vitest';
import { EventScript } from './event-fixtures';
import { RunViewStore } from './run-view-store';
import { NO_FILTER, timeAxis, visibleRows } from './trace-tree';

/** A frame scheduler the test drives by hand, like requestAnimationFrame without a browser. */
function manualFrames() {
  const queue: (() => void)[] = [];
  return {
    schedule: (flush: () => void) => queue.push(flush),
    runFrame: () => {
      for (const flush of queue.splice(0)) flush();
    },
    get queued() {
      return queue.length;
    },
  };
}

function twoWorkerRun(): EventScript {
  const s = new EventScript();
  s.started();
  s.actionStarted('a_orch', null, 'orch', 'node');
  s.actionStarted('a_dec', 'a_orch', 'orch', 'decompose');
  s.completed('a_dec', 'a_orch', { subtasks: 2 });
  s.actionStarted('a_w1', 'a_orch', 'w1', 'node');
  s.actionStarted('a_w2', 'a_orch', 'w2', 'node');
  s.delta('a_w1', 'a_orch', 'Hel');
  s.delta('a_w1', 'a_orch', 'lo');
  s.completed('a_w1', 'a_orch', 'Hello');
  s.completed('a_w2', 'a_orch', 'World');
  s.completed('a_orch', null, 'Hello World', 0);
  s.add({
    type: 'run.completed',
    result: 'Hello World',
    usage: { inputTokens: 30, outputTokens: 30, totalTokens: 60 },
    modelCalls: 3,
    activeMs: 120,
  });
  return s;
}

describe('RunViewStore', () => {
  it('shows the node that failed as failed and the nodes its failure (or a cancel) stopped as cancelled', () => {
    const store = new RunViewStore();
    const s = new EventScript();
    s.started();
    s.actionStarted('a_w1', null, 'w1', 'node');
    s.actionStarted('a_w2', null, 'w2', 'node');
    s.actionStarted('a_w3', null, 'w3', 'node');
    const failed = (actionId: string, code: string) =>
      s.add({
        type: 'action.failed',
        actionId,
        parentActionId: null,
        stepKey: null,
        error: { code, message: code },
        durationMs: 5,
      });
    failed('a_w1', 'model_server_error');
    failed('a_w2', 'action_cancelled');
    // A run stored before the distinct code: a cancel was already recorded as `run_cancelled`.
    failed('a_w3', 'run_cancelled');
    store.applyAll(s.events);
    expect(store.nodeStatus('w1')).toBe('failed');
    expect(store.nodeStatus('w2')).toBe('cancelled');
    expect(store.nodeStatus('w3')).toBe('cancelled');
  });

  it('derives the action tree, statuses, streamed text and totals', () => {
    const store = new RunViewStore();
    const script = twoWorkerRun();
    store.applyAll(script.events.slice(0, 8));
    expect(store.getSummary().status).toBe('running');
    expect(store.nodeStatus('w1')).toBe('running');
    expect(store.nodeStatus('orch')).toBe('running');
    expect(store.nodeStatus('never_started')).toBe('pending');
    expect(store.getAction('a_w1')?.text).toBe('Hello');
    expect(store.childrenOf(null)).toEqual(['a_orch']);
    expect(store.childrenOf('a_orch')).toEqual(['a_dec', 'a_w1', 'a_w2']);

    store.applyAll(script.events.slice(8));
    const summary = store.getSummary();
    expect(summary.status).toBe('completed');
    expect(summary.result).toBe('Hello World');
    expect(summary.budget).toEqual({ maxModelCalls: 100, maxTokens: 100_000, maxWallSeconds: 600 });
    expect(summary.totals).toEqual({
      usage: { inputTokens: 30, outputTokens: 30, totalTokens: 60 },
      modelCalls: 3,
      activeMs: 120,
    });
    expect(store.nodeStatus('w1')).toBe('completed');
    expect(store.nodeStatus('never_started')).toBe('idle');
  });

  it('ignores duplicate and old events, so a reconnect that replays never doubles anything', () => {
    const store = new RunViewStore();
    const events = twoWorkerRun().events;
    store.applyAll(events.slice(0, 7));
    // The reconnect replays from an earlier seq: everything already seen must be ignored.
    store.applyAll(events.slice(3));
    store.applyAll(events);
    expect(store.getAction('a_w1')?.text).toBe('Hello');
    expect(store.childrenOf('a_orch')).toEqual(['a_dec', 'a_w1', 'a_w2']);
    expect(store.getSummary().eventCount).toBe(events.length);
    expect(store.getSummary().lastSeq).toBe(events.length);
  });

  it('ignores events of another run', () => {
    const store = new RunViewStore({ runId: 'run_1' });
    const other = new EventScript('run_2');
    other.started();
    store.applyAll(other.events);
    expect(store.getSummary().eventCount).toBe(0);
  });

  it('batches queued events into one notification per frame', () => {
    const frames = manualFrames();
    const store = new RunViewStore({ scheduleFrame: frames.schedule });
    let notified = 0;
    store.subscribe(() => notified++);
    const events = twoWorkerRun().events;
    for (const event of events) store.enqueue([event]);
    expect(frames.queued).toBe(1);
    expect(store.getSummary().eventCount).toBe(0);
    frames.runFrame();
    expect(notified).toBe(1);
    expect(store.getSummary().status).toBe('completed');
  });

  it('keeps the summary object when nothing changed and replaces it when something did', () => {
    const store = new RunViewStore();
    const events = twoWorkerRun().events;
    store.applyAll(events.slice(0, 3));
    const before = store.getSummary();
    store.applyAll(events.slice(0, 3));
    expect(store.getSummary()).toBe(before);
    store.applyAll(events.slice(3, 4));
    expect(store.getSummary()).not.toBe(before);
  });

  it('shows an escalation on its node and edge until a person decides', () => {
    const s = new EventScript();
    s.started();
    s.actionStarted('a_r', null, 'research', 'node');
    s.completed('a_r', null, { confidence: 0.5 });
    s.actionStarted('a_esc', null, 'research', 'escalation');
    s.add({
      type: 'escalation.requested',
      actionId: 'a_esc',
      parentActionId: null,
      stepKey: 'esc',
      escalationId: 'esc_1',
      edgeId: 'e1',
      sourceId: 'research',
      targetId: 'writer',
      contract: {
        name: 'findings',
        schema: { type: 'object', required: ['confidence'] },
        requiredConfidence: 0.8,
        onLowConfidence: 'escalate',
      },
      payload: { confidence: 0.5 },
      confidence: 0.5,
      reason: 'Confidence 0.5 is below 0.8.',
    });
    s.add({ type: 'run.waiting', escalationIds: ['esc_1'] });
    const store = new RunViewStore();
    store.applyAll(s.events);
    expect(store.getSummary().status).toBe('waiting');
    expect(store.getSummary().pendingEscalations.map((e) => e.escalationId)).toEqual(['esc_1']);
    expect(store.nodeStatus('research')).toBe('escalated');
    expect(store.edgeState('e1')).toBe('escalated');

    s.add({
      type: 'escalation.resolved',
      actionId: 'a_esc',
      parentActionId: null,
      stepKey: 'esc',
      escalationId: 'esc_1',
      decision: 'edit',
      payload: { confidence: 0.9 },
    });
    s.completed('a_esc', null, { confidence: 0.9 });
    s.actionStarted('a_w', null, 'writer', 'node');
    store.applyAll(s.events);
    expect(store.getSummary().pendingEscalations).toEqual([]);
    expect(store.getSummary().status).toBe('running');
    expect(store.nodeStatus('research')).toBe('completed');
    expect(store.edgeState('e1')).toBe('active');
    s.completed('a_w', null, 'done');
    store.applyAll(s.events);
    expect(store.edgeState('e1')).toBe('done');
  });

  it('shows a tool call waiting for approval as waiting on its trace row and node, with no edge state', () => {
    const s = new EventScript();
    s.started();
    s.actionStarted('a_node', null, 'clerk', 'node');
    s.actionStarted('a_echo', 'a_node', 'clerk', 'tool_call');
    // As the engine asks: before the call's own tool_call action starts, an escalation action beneath the agent's.
    s.actionStarted('a_ask', 'a_node', 'clerk', 'escalation');
    s.add({
      type: 'escalation.requested',
      actionId: 'a_ask',
      parentActionId: 'a_node',
      stepKey: 'clerk:call_2/approval',
      escalationId: 'esc_tool',
      edgeId: '',
      sourceId: 'clerk',
      targetId: 'clerk',
      contract: { name: 'add', schema: { type: 'object' }, requiredConfidence: 0, onLowConfidence: 'escalate' },
      payload: { a: 1, b: 2 },
      confidence: null,
      reason: 'clerk wants to call the tool "add", which needs a person\'s approval first.',
      subject: {
        kind: 'tool_call',
        source: 'lab',
        tool: 'add',
        arguments: { a: 1, b: 2 },
        inputSchema: { type: 'object' },
        question: 'approval',
      },
    });
    s.add({ type: 'run.waiting', escalationIds: ['esc_tool'] });
    const store = new RunViewStore();
    store.applyAll(s.events);
    const rowOf = (id: string) => {
      const row = visibleRows(store, new Set(), NO_FILTER).find((r) => r.id === id);
      return row && store.getAction(row.id);
    };
    expect(rowOf('a_ask')).toMatchObject({ status: 'waiting', asksAbout: { source: 'lab', name: 'add' } });
    expect(rowOf('a_echo')?.status).toBe('running');
    expect(rowOf('a_node')?.status).toBe('running');
    expect(store.nodeStatus('clerk')).toBe('escalated');
    // A tool call's question is on no edge: nothing is recorded under its empty edge id.
    expect(store.edgeState('')).toBeUndefined();

    s.add({
      type: 'escalation.resolved',
      actionId: 'a_ask',
      parentActionId: 'a_node',
      stepKey: 'clerk:call_2/approval',
      escalationId: 'esc_tool',
      decision: 'approve',
      payload: { a: 1, b: 2 },
    });
    store.applyAll(s.events);
    expect(rowOf('a_ask')?.status).toBe('running');
    expect(store.nodeStatus('clerk')).toBe('running');
    expect(store.edgeState('')).toBeUndefined();
  });

  it('records handoff validation results on the action that made them', () => {
    const s = new EventScript();
    s.started();
    s.actionStarted('a_h', null, 'research', 'handoff');
    s.add({
      type: 'handoff.rejected',
      actionId: 'a_h',
      parentActionId: null,
      stepKey: null,
      edgeId: 'e1',
      sourceId: 'research',
      targetId: 'writer',
      contractName: 'findings',
      reason: 'invalid_payload',
      errors: [{ path: ['sources', 0], message: 'must be object' }],
      willRepair: true,
    });
    const store = new RunViewStore();
    store.applyAll(s.events);
    const handoffs = store.getAction('a_h')?.handoffs ?? [];
    expect(handoffs).toHaveLength(1);
    expect(handoffs[0]?.detail).toEqual(['$.sources[0]: must be object (repair asked)']);
    // A repair is coming, so the edge is not marked refused.
    expect(store.edgeState('e1')).toBeUndefined();
  });

  it('closes actions left running when the run is cancelled', () => {
    const s = new EventScript();
    s.started();
    s.actionStarted('a_w', null, 'w', 'node');
    s.add({
      type: 'run.cancelled',
      reason: 'Cancelled by a person.',
      usage: { inputTokens: 0, outputTokens: 0, totalTokens: 0 },
      modelCalls: 0,
      activeMs: 5,
    });
    const store = new RunViewStore();
    store.applyAll(s.events);
    expect(store.getSummary().status).toBe('cancelled');
    expect(store.getSummary().endReason).toBe('Cancelled by a person.');
    expect(store.getAction('a_w')?.status).toBe('cancelled');
    expect(store.nodeStatus('w')).toBe('cancelled');
  });

  it('counts live tokens once when calls are nested under a node action', () => {
    const s = new EventScript();
    s.started();
    s.actionStarted('a_n', null, 'w', 'node');
    s.actionStarted('a_c', 'a_n', 'w', 'llm_call');
    s.completed('a_c', 'a_n', 'x', 5);
    s.completed('a_n', null, 'x', 5);
    const store = new RunViewStore();
    store.applyAll(s.events);
    expect(store.getSummary().totals.usage.totalTokens).toBe(10);
  });

  it('lists the model calls under an action (or the run) once each, for pricing, with their models', () => {
    const s = new EventScript();
    s.started('Price it');
    const call = (actionId: string, parent: string, model: string, tokens: number) => {
      s.actionStarted(actionId, parent, 'w', 'llm_call');
      s.add({
        type: 'action.completed',
        actionId,
        parentActionId: parent,
        stepKey: null,
        output: 'x',
        usage: { inputTokens: tokens, outputTokens: 1, totalTokens: tokens + 1 },
        model,
        durationMs: 1,
      });
    };
    s.actionStarted('n1', null, 'w', 'node');
    call('c1', 'n1', 'gpt-4.1-mini', 10);
    call('c2', 'n1', 'gpt-4.1', 20);
    // The node's own usage (the sum) and model must not count a second time.
    s.add({
      type: 'action.completed',
      actionId: 'n1',
      parentActionId: null,
      stepKey: null,
      output: 'x',
      usage: { inputTokens: 30, outputTokens: 2, totalTokens: 32 },
      model: 'gpt-4.1',
      durationMs: 1,
    });
    s.actionStarted('n2', null, 'v', 'node');
    call('c3', 'n2', 'gpt-4.1-nano', 5);
    const store = new RunViewStore();
    store.applyAll(s.events);
    const models = (calls: { model: string; usage: { inputTokens: number } }[]) =>
      calls.map((c) => `${c.model}:${c.usage.inputTokens}`).sort();
    expect(models(store.modelCallsUnder('n1'))).toEqual(['gpt-4.1-mini:10', 'gpt-4.1:20']);
    expect(models(store.modelCallsUnder('c3'))).toEqual(['gpt-4.1-nano:5']);
    expect(models(store.modelCallsUnder(null))).toEqual(['gpt-4.1-mini:10', 'gpt-4.1-nano:5', 'gpt-4.1:20']);
  });

  it("shows a node's streaming tokens from its newest model call", () => {
    const s = new EventScript();
    s.started();
    s.actionStarted('n', null, 'w1', 'node');
    s.actionStarted('c1', 'n', 'w1', 'llm_call');
    s.delta('c1', 'n', 'first');
    s.completed('c1', 'n', 'first');
    s.actionStarted('c2', 'n', 'w1', 'llm_call');
    s.delta('c2', 'n', 'sec');
    s.delta('c2', 'n', 'ond');
    const store = new RunViewStore();
    store.applyAll(s.events);
    expect(store.liveText('n')).toEqual({ actionId: 'c2', text: 'second' });
    expect(store.liveText('c1')).toEqual({ actionId: 'c1', text: 'first' });
    expect(store.nodeActionOf('w1')).toBe('n');
  });

  it('changes the structure version only when actions are added, not for streamed tokens', () => {
    const s = new EventScript();
    s.started();
    s.actionStarted('a1', null, 'w1', 'llm_call');
    const store = new RunViewStore();
    store.applyAll(s.events);
    const structure = store.structureVersion;
    const tree = store.treeVersion;
    store.applyAll([s.delta('a1', null, 'tok'), s.completed('a1', null)]);
    expect(store.structureVersion).toBe(structure);
    expect(store.treeVersion).toBeGreaterThan(tree);
    store.applyAll([s.actionStarted('a2', 'a1', 'w1', 'llm_call')]);
    expect(store.structureVersion).toBe(structure + 1);
    expect(store.newestActionId).toBe('a2');
  });

  it('applies 10,000 events quickly enough to batch per frame', () => {
    const s = new EventScript();
    s.started();
    for (let i = 0; i < 100; i++) {
      s.actionStarted(`a${i}`, null, `w${i % 10}`, 'llm_call');
      for (let j = 0; j < 98; j++) s.delta(`a${i}`, null, 'tok ');
      s.completed(`a${i}`, null, 'x');
    }
    const store = new RunViewStore();
    store.applyAll(s.events);
    expect(store.getSummary().eventCount).toBe(10_001);
    expect(store.getAction('a99')?.text.length).toBe(98 * 4);
  });
});

describe('visibleRows', () => {
  it('flattens depth first, hides collapsed children and filters with ancestors as context', () => {
    const store = new RunViewStore();
    store.applyAll(twoWorkerRun().events);
    expect(visibleRows(store, new Set(), NO_FILTER).map((r) => [r.id, r.depth])).toEqual([
      ['a_orch', 0],
      ['a_dec', 1],
      ['a_w1', 1],
      ['a_w2', 1],
    ]);
    expect(visibleRows(store, new Set(['a_orch']), NO_FILTER).map((r) => r.id)).toEqual(['a_orch']);
    const byAgent = visibleRows(store, new Set(), { agentIds: new Set(['w2']), actionTypes: new Set() });
    expect(byAgent.map((r) => [r.id, r.matches])).toEqual([
      ['a_orch', false],
      ['a_w2', true],
    ]);
    const byType = visibleRows(store, new Set(), { agentIds: new Set(), actionTypes: new Set(['decompose']) });
    expect(byType.map((r) => r.id)).toEqual(['a_orch', 'a_dec']);
  });

  it('spans the time axis over every action', () => {
    const store = new RunViewStore();
    const events = twoWorkerRun().events;
    store.applyAll(events);
    const axis = timeAxis(store, 0);
    expect(axis.start).toBe(events[0]?.at);
    expect(axis.end).toBe(events.at(-1)?.at);
  });
});

describe('a run resumed after a restart', () => {
  it('is interrupted, then goes on: the attempt is marked with what it reused and repeated', () => {
    const s = new EventScript();
    s.started();
    s.actionStarted('a_1', null, 'writer', 'llm_call');
    s.completed('a_1', null, 'draft');
    s.actionStarted('a_2', null, 'editor', 'llm_call');
    s.add({ type: 'run.interrupted', reason: 'The run started with other model settings.' });
    const store = new RunViewStore({ scheduleFrame: (flush) => flush() });
    store.applyAll(s.events);
    expect(store.getSummary().status).toBe('interrupted');
    expect(store.getSummary().endReason).toContain('other model settings');

    s.add({
      type: 'run.started',
      graphId: 'g1',
      graphVersion: 1,
      goal: 'Write a haiku',
      provider: store.getSummary().provider!,
      budget: store.getSummary().budget!,
      attempt: 2,
    });
    store.applyAll(s.events);
    const summary = store.getSummary();
    expect(summary.status).toBe('running');
    expect(summary.endedAt).toBeNull();
    expect(summary.error).toBeNull();
    expect(summary.attempts).toEqual([{ attempt: 2, seq: 6, at: expect.any(Number), reused: 1, repeated: 1 }]);
  });
});
