// Backpressure: the engine runs ahead of its consumer by at most QUEUE_LIMIT events, then waits for it.

import type { RunEventBody } from '@baton/contracts';
import { describe, expect, it } from 'vitest';
import { edge, graph, node } from '../testing/graphs';
import { createScriptedProvider } from '../testing/scripted-provider';
import { EventChannel, QUEUE_LIMIT } from './event-channel';
import { purposeOf } from './infer-purpose';
import { runGraph } from './run-graph';

describe('EventChannel', () => {
  it('resolves emits at once while the queue is short, then only when the consumer takes the event and asks for the next', async () => {
    const channel = new EventChannel('r', () => 1, { seq: 0, chain: null });
    const iterator = channel[Symbol.asyncIterator]();
    const waiting: RunEventBody = { type: 'run.waiting', escalationIds: [] };
    let emitted = 0;
    const producer = (async () => {
      for (let i = 0; i < QUEUE_LIMIT + 3; i++) {
        await channel.emit(waiting);
        emitted++;
      }
    })();
    const settle = () => new Promise((resolve) => setTimeout(resolve, 10));
    await settle();
    // The first QUEUE_LIMIT went straight through; the next one waits for the consumer, which has pulled nothing.
    expect(emitted).toBe(QUEUE_LIMIT);
    for (let seq = 1; seq <= QUEUE_LIMIT + 1; seq++) expect((await iterator.next()).value?.seq).toBe(seq);
    await settle();
    expect(emitted).toBe(QUEUE_LIMIT); // its event is taken, but the consumer has not asked for the next one yet
    const next = iterator.next();
    await settle();
    expect(emitted).toBe(QUEUE_LIMIT + 3);
    expect((await next).value?.seq).toBe(QUEUE_LIMIT + 2);
    channel.close();
    let last = 0;
    for (let step = await iterator.next(); !step.done; step = await iterator.next()) last = step.value.seq;
    await producer;
    expect(last).toBe(QUEUE_LIMIT + 3);
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
  it('runs ahead of a consumer that holds the first event, but no further than the queue limit', async () => {
    // A fan-out emits four events per subtask: one that pauses its consumer holds most of the subtasks back.
    const width = QUEUE_LIMIT;
    const provider = createScriptedProvider((request) =>
      purposeOf(request).kind === 'decompose'
        ? JSON.stringify({
            subtasks: Array.from({ length: width }, (_, i) => ({
              id: `t${i}`,
              description: `part ${i}`,
              assigned_to: 'w',
              depends_on: [],
            })),
          })
        : 'ok',
    );
    const g = graph(
      [
        node('in', 'input'),
        node('o', 'orchestrator', { concurrency: 1000 }),
        node('w', 'specialist', { name: 'w' }),
        node('out', 'output'),
      ],
      [edge('in', 'o'), edge('o', 'w', 'dispatch'), edge('o', 'out')],
    );
    const handle = runGraph({
      runId: 'r',
      graphVersion: 1,
      graph: g,
      goal: 'x',
      provider,
      budget: { maxModelCalls: width + 2 },
      escalations: async () => ({ decision: 'approve' }),
    });
    const iterator = handle.events[Symbol.asyncIterator]();
    expect((await iterator.next()).value?.type).toBe('run.started');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const whileHeld = provider.requests.length;
    expect(whileHeld).toBeGreaterThan(1);
    expect(whileHeld).toBeLessThan(width / 2);
    let last = '';
    for (let step = await iterator.next(); !step.done; step = await iterator.next()) last = step.value.type;
    expect(last).toBe('run.completed');
    expect(provider.requests).toHaveLength(width + 2);
    expect((await handle.outcome).status).toBe('completed');
    // 4,096 subtasks: seconds of work on a loaded two-core machine, not the 5 s default.
  }, 30_000);

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
