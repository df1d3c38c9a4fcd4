// Backpressure: the engine goes past an event only once the consumer has pulled it and asked for the next.
import { describe, expect, it } from 'vitest';
import { edge, graph, node } from '../testing/graphs';
import { createScriptedProvider } from '../testing/scripted-provider';
import { EventChannel } from './event-channel';
import { runGraph } from './run-graph';

describe('EventChannel', () => {
  it('resolves an emit only when the consumer asks for the next event', async () => {
    const channel = new EventChannel('r', () => 1, { seq: 0, chain: null });
    const iterator = channel[Symbol.asyncIterator]();
    let acked = false;
    void channel.emit({ type: 'run.waiting', escalationIds: [] }).then(() => {
      acked = true;
    });
    const first = await iterator.next();
    expect(first.value?.seq).toBe(1);
    await Promise.resolve();
    expect(acked).toBe(false);
    const next = iterator.next();
    await Promise.resolve();
    expect(acked).toBe(true);
    channel.close();
    expect((await next).done).toBe(true);
  });

  it('merges queued deltas of one action', async () => {
    const channel = new EventChannel('r', () => 1, { seq: 0, chain: null });
    const ref = { actionId: 'a', parentActionId: null, stepKey: 's' };
    channel.emitDelta(ref, 'Hel');
    channel.emitDelta(ref, 'lo');
    channel.close();
    const events = [];
    for await (const event of channel) events.push(event);
    expect(events).toMatchObject([{ type: 'action.delta', text: 'Hello', seq: 1 }]);
  });
});

describe('runGraph backpressure', () => {
  it('does not call a model while the consumer holds the first event', async () => {
    const provider = createScriptedProvider(() => 'ok');
    const g = graph(
      [node('in', 'input'), node('a', 'specialist'), node('out', 'output')],
      [edge('in', 'a'), edge('a', 'out')],
    );
    const handle = runGraph({
      runId: 'r',
      graphVersion: 1,
      graph: g,
      goal: 'x',
      provider,
      escalations: async () => ({ decision: 'approve' }),
    });
    const iterator = handle.events[Symbol.asyncIterator]();
    expect((await iterator.next()).value?.type).toBe('run.started');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(provider.requests).toHaveLength(0);
    let last = '';
    for (let step = await iterator.next(); !step.done; step = await iterator.next()) last = step.value.type;
    expect(last).toBe('run.completed');
    expect(provider.requests).toHaveLength(1);
    expect((await handle.outcome).status).toBe('completed');
  });

  it('cancels the run when the consumer stops listening', async () => {
    const provider = createScriptedProvider(() => 'ok');
    const g = graph(
      [node('in', 'input'), node('a', 'specialist'), node('out', 'output')],
      [edge('in', 'a'), edge('a', 'out')],
    );
    const handle = runGraph({
      runId: 'r',
      graphVersion: 1,
      graph: g,
      goal: 'x',
      provider,
      escalations: async () => ({ decision: 'approve' }),
    });
    for await (const event of handle.events) if (event.type === 'run.started') break;
    expect((await handle.outcome).status).toBe('cancelled');
    expect(provider.requests).toHaveLength(0);
  });
});
