import { describe, expect, it } from 'vitest';
import { CanvasRunOverlay } from './canvas-overlay';
import { EventScript } from './event-fixtures';
import { RunViewStore } from './run-view-store';

describe('CanvasRunOverlay', () => {
  it('forwards the shown store and follows a switch to another run without resubscribing', () => {
    const shownRun = new CanvasRunOverlay();
    const first = new RunViewStore();
    const second = new RunViewStore();
    let calls = 0;
    const unsubscribe = shownRun.subscribe(() => calls++);
    expect(shownRun.nodeStatus('w1')).toBeUndefined();

    shownRun.show(first);
    const s = new EventScript();
    s.started();
    s.actionStarted('a1', null, 'w1');
    first.applyAll(s.events);
    expect(shownRun.nodeStatus('w1')).toBe('running');

    shownRun.show(second);
    const before = calls;
    first.applyAll([s.completed('a1', null)]);
    // The old store no longer reaches subscribers.
    expect(calls).toBe(before);
    expect(shownRun.nodeStatus('w1')).toBeUndefined();

    shownRun.show(null);
    unsubscribe();
  });

  it('gives each node a snapshot that changes only when its own status does', () => {
    const shownRun = new CanvasRunOverlay();
    const store = new RunViewStore();
    shownRun.show(store);
    const s = new EventScript();
    s.started();
    s.actionStarted('a1', null, 'w1');
    store.applyAll(s.events);
    const w2Before = shownRun.nodeStatus('w2');
    s.delta('a1', null, 'tok');
    s.completed('a1', null);
    store.applyAll(s.events);
    expect(shownRun.nodeStatus('w1')).toBe('completed');
    expect(shownRun.nodeStatus('w2')).toBe(w2Before);
    shownRun.show(null);
  });

  it('shows WAITING on the agent whose tool call waits for approval', () => {
    const shownRun = new CanvasRunOverlay();
    const store = new RunViewStore();
    shownRun.show(store);
    const s = new EventScript();
    s.started();
    s.actionStarted('a1', null, 'w1');
    s.add({
      type: 'escalation.requested',
      actionId: 'a_tool',
      parentActionId: 'a1',
      stepKey: 'tool',
      escalationId: 'esc_tool',
      edgeId: '',
      sourceId: 'w1',
      targetId: 'w1',
      contract: { name: 'send_mail', schema: { type: 'object' }, requiredConfidence: 0, onLowConfidence: 'escalate' },
      payload: { to: 'a@b.c' },
      confidence: null,
      reason: 'send_mail requires approval.',
      subject: {
        kind: 'tool_call',
        source: 'mail',
        tool: 'send_mail',
        arguments: { to: 'a@b.c' },
        inputSchema: { type: 'object' },
      },
    });
    s.add({ type: 'run.waiting', escalationIds: ['esc_tool'] });
    store.applyAll(s.events);
    expect(shownRun.nodeStatus('w1')).toBe('escalated');
    expect(shownRun.nodeStatus('w2')).toBe('pending');
    shownRun.show(null);
  });

  it('shows dispatch and route edges busy while their target works, from the canvas edges', () => {
    const shownRun = new CanvasRunOverlay();
    const store = new RunViewStore();
    shownRun.show(store);
    shownRun.setEdges([
      { id: 'd1', kind: 'dispatch', source: 'lead', target: 'w1' },
      { id: 'h1', kind: 'handoff', source: 'w1', target: 'out' },
    ]);
    const s = new EventScript();
    s.started();
    s.actionStarted('a1', null, 'w1');
    store.applyAll(s.events);
    expect(shownRun.edgeState('d1')).toBe('active');
    expect(shownRun.edgeState('h1')).toBeUndefined();
    store.applyAll([s.completed('a1', null)]);
    expect(shownRun.edgeState('d1')).toBe('done');
    shownRun.setEdges([]);
    shownRun.show(null);
  });
});
