import type { RunEvent } from '@baton/contracts';
import { describe, expect, it } from 'vitest';
import { createSimulatedProvider } from '../model/simulated-provider';
import type { RunGraphOptions } from '../run-options';
import { edge, graph, node } from '../testing/graphs';
import { runGraph } from './run-graph';

const provider = createSimulatedProvider({ callDelayMs: 0, tokenDelayMs: 0 });

async function collect(options: Partial<RunGraphOptions> & Pick<RunGraphOptions, 'graph'>) {
  let n = 0;
  const handle = runGraph({
    runId: 'run-1',
    graphVersion: 1,
    goal: 'Write a short note about bees',
    provider,
    escalations: async () => ({ decision: 'approve' }),
    clock: () => 1000,
    ids: () => `a${++n}`,
    nonce: 'n0nce',
    ...options,
  });
  const events: RunEvent[] = [];
  for await (const event of handle.events) events.push(event);
  return { events, outcome: await handle.outcome };
}

describe('runGraph with the simulated provider', () => {
  it('runs input -> specialist -> output to completion with a tree of actions', async () => {
    const g = graph(
      [node('in', 'input'), node('writer', 'specialist', { instructions: 'Write.' }), node('out', 'output')],
      [edge('in', 'writer'), edge('writer', 'out')],
    );
    const { events, outcome } = await collect({ graph: g });
    expect(outcome.status).toBe('completed');
    expect(events[0]?.type).toBe('run.started');
    expect(events.at(-1)?.type).toBe('run.completed');
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    const llm = events.find((e) => e.type === 'action.started' && e.actionType === 'llm_call');
    const writerNode = events.find(
      (e) => e.type === 'action.started' && e.actionType === 'node' && e.agentId === 'writer',
    );
    expect(llm && 'parentActionId' in llm ? llm.parentActionId : null).toBe(
      writerNode && 'actionId' in writerNode ? writerNode.actionId : 'x',
    );
  });
});

describe('a graph that is not among the examples', () => {
  it('two routers, an orchestrator with three workers feeding a reviewed producer: runs to completion', async () => {
    const g = graph(
      [
        node('in', 'input'),
        node('triage', 'router', { description: 'Chooses research or a quick answer' }),
        node('team', 'orchestrator', { description: 'deep research about bees and their history' }),
        node('w1', 'specialist', { name: 'history', description: 'history facts' }),
        node('w2', 'specialist', { name: 'biology', description: 'biology facts' }),
        node('w3', 'specialist', { name: 'economics', description: 'economic facts' }),
        node('drafter', 'specialist', { description: 'writes the note' }),
        node('critic', 'reviewer', { criteria: 'Accurate and short.' }),
        node('quick', 'specialist', { description: 'a quick one-line answer' }),
        node('style', 'router', {}),
        node('poet', 'specialist', { description: 'writes a short poem' }),
        node('coder', 'specialist', { description: 'writes code' }),
        node('main', 'output'),
        node('side', 'output'),
      ],
      [
        edge('in', 'triage'),
        edge('triage', 'team', 'route'),
        edge('triage', 'quick', 'route', { fallback: true }),
        edge('team', 'w1', 'dispatch'),
        edge('team', 'w2', 'dispatch'),
        edge('team', 'w3', 'dispatch'),
        edge('team', 'drafter'),
        edge('drafter', 'critic', 'review'),
        edge('critic', 'main'),
        edge('quick', 'main'),
        edge('in', 'style'),
        edge('style', 'poet', 'route'),
        edge('style', 'coder', 'route'),
        edge('poet', 'side'),
        edge('coder', 'side'),
      ],
    );
    const { events, outcome } = await collect({ graph: g, goal: 'Write a short note about bees and their history' });
    expect(outcome.status, JSON.stringify(events.at(-1))).toBe('completed');
    const started = events.filter((e) => e.type === 'action.started');
    const skipped = events.filter((e) => e.type === 'action.skipped').map((e) => e.agentId);
    expect(skipped.sort()).toEqual(['coder', 'quick']);
    const dispatched = started.filter((e) => e.actionType === 'dispatch').map((e) => e.agentName);
    expect(dispatched.sort()).toEqual(['biology', 'economics', 'history']);
    // The simulated reviewer asks for one revision, then approves.
    expect(started.filter((e) => e.actionType === 'review')).toHaveLength(2);
    expect(started.filter((e) => e.actionType === 'revision')).toHaveLength(1);
    expect(outcome.status === 'completed' && Object.keys(outcome.result as object).sort()).toEqual(['main', 'side']);
  });
});

describe('inputs and tiers', () => {
  it('checks the run input against the input node schema', async () => {
    const g = graph(
      [
        node('in', 'input', { inputSchema: { type: 'object', required: ['topic'] } }),
        node('a', 'specialist'),
        node('out', 'output'),
      ],
      [edge('in', 'a'), edge('a', 'out')],
    );
    const bad = await collect({ graph: g, input: { nope: 1 } });
    expect(bad.events.at(-1)).toMatchObject({ type: 'run.failed', error: { code: 'invalid_input' } });
    const good = await collect({ graph: g, input: { topic: 'bees' } });
    expect(good.outcome.status).toBe('completed');
  });

  it('uses the graph\u2019s tier mapping over the provider\u2019s', async () => {
    const g = graph(
      [node('in', 'input'), node('a', 'specialist', { tier: 'deep' }), node('out', 'output')],
      [edge('in', 'a'), edge('a', 'out')],
      { models: { deep: 'my-deep-model' } },
    );
    const { events } = await collect({ graph: g });
    const call = events.find((e) => e.type === 'action.started' && e.actionType === 'llm_call');
    expect(call).toMatchObject({ tier: 'deep', model: 'my-deep-model' });
  });
});

describe('wall-time budget', () => {
  it('ends the run failed when active time meets maxWallSeconds, by the injected clock', async () => {
    let now = 0;
    const g = graph(
      [node('in', 'input'), node('a', 'specialist'), node('b', 'specialist'), node('out', 'output')],
      [edge('in', 'a'), edge('a', 'b'), edge('b', 'out')],
    );
    // Every reading of the clock moves it on by 10 s; the run may use 60 s.
    const { events, outcome } = await collect({
      graph: g,
      clock: () => (now += 10_000),
      budget: { maxWallSeconds: 60 },
    });
    expect(outcome.status).toBe('failed');
    expect(events.find((e) => e.type === 'budget.exceeded')).toMatchObject({ limit: 'maxWallSeconds', limitValue: 60 });
    expect(events.at(-1)).toMatchObject({ type: 'run.failed', error: { code: 'budget_exceeded' } });
  });
});

describe('edges that leave a worker', () => {
  it('make their target wait for the orchestrator, and carry nothing', async () => {
    const g = graph(
      [
        node('in', 'input'),
        node('lead', 'orchestrator'),
        node('w', 'specialist', { name: 'worker' }),
        node('after', 'specialist'),
        node('out', 'output'),
        node('side', 'output'),
      ],
      [
        edge('in', 'lead'),
        edge('lead', 'w', 'dispatch'),
        edge('lead', 'out'),
        edge('w', 'after'),
        edge('after', 'side'),
      ],
    );
    const { events, outcome } = await collect({ graph: g });
    expect(outcome.status).toBe('completed');
    const skipped = events.filter((e) => e.type === 'action.skipped').map((e) => ('agentId' in e ? e.agentId : ''));
    expect(skipped).toEqual(['after', 'side']);
  });
});
