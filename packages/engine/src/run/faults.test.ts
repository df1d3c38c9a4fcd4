// Retries, stream cuts, failures, cancellation and budgets through the real openai SDK against the fake server.
import type { RunEvent } from '@baton/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOpenAIProvider } from '../model/openai-provider';
import { actionTreeProblems, collectRun, eventsOfType } from '../testing/collect-run';
import { type FakeOpenAIServer, startFakeOpenAIServer } from '../testing/fake-openai-server';
import { edge, graph, node } from '../testing/graphs';
import { runGraph } from './run-graph';

let server: FakeOpenAIServer;
beforeEach(async () => {
  server = await startFakeOpenAIServer();
});
afterEach(() => server.close());

const provider = (maxRetries = 2) =>
  createOpenAIProvider({
    apiKey: 'k',
    baseURL: server.baseURL,
    models: { fast: 'f', balanced: 'b', deep: 'd' },
    maxRetries,
  });

const chain = graph(
  [
    node('in', 'input'),
    node('a', 'specialist'),
    node('b', 'specialist'),
    node('c', 'specialist'),
    node('out', 'output'),
  ],
  [edge('in', 'a'), edge('a', 'b'), edge('b', 'c'), edge('c', 'out')],
);

describe('faults', () => {
  it('retries a 429 and a 500 (in the SDK) and completes', async () => {
    server.enqueue(
      { fault: { kind: 'status', status: 429, retryAfterSeconds: 0 } },
      { fault: { kind: 'status', status: 500, retryAfterSeconds: 0 } },
    );
    const { outcome, events } = await collectRun({ graph: chain, goal: 'x', provider: provider() });
    expect(actionTreeProblems(events)).toEqual([]);
    expect(outcome.status).toBe('completed');
    expect(server.requests).toHaveLength(5);
    // The SDK's retries are one attempt as far as the engine is concerned: no stacked retries of ours.
    expect(eventsOfType(events, 'action.failed')).toHaveLength(0);
    expect(outcome.modelCalls).toBe(3);
  });

  it('fails the run clearly when a call keeps failing', async () => {
    server.setResponder(() => ({ fault: { kind: 'status', status: 500, message: 'down', retryAfterSeconds: 0 } }));
    const { outcome, events } = await collectRun({ graph: chain, goal: 'x', provider: provider(1) });
    expect(actionTreeProblems(events)).toEqual([]);
    expect(outcome.status).toBe('failed');
    expect(events.at(-1)).toMatchObject({ type: 'run.failed', error: { code: 'model_server_error' } });
    expect(server.requests).toHaveLength(2);
    expect(eventsOfType(events, 'action.started').some((e) => e.agentId === 'b')).toBe(false);
  });

  it('turns a cut stream into a failed attempt and a successful new attempt', async () => {
    server.enqueue({ text: 'half of an answer that never ends', fault: { kind: 'cut', afterChunks: 3 } });
    const { outcome, events } = await collectRun({ graph: chain, goal: 'x', provider: provider() });
    expect(actionTreeProblems(events)).toEqual([]);
    expect(outcome.status).toBe('completed');
    const calls = eventsOfType(events, 'action.started').filter(
      (e) => e.agentId === 'a' && e.actionType === 'llm_call',
    );
    expect(calls.map((c) => c.attempt)).toEqual([1, 2]);
    expect(calls[0]?.stepKey).toBe(calls[1]?.stepKey);
    expect(calls[0]?.actionId).not.toBe(calls[1]?.actionId);
    const failed = eventsOfType(events, 'action.failed').find((e) => e.actionId === calls[0]?.actionId);
    expect(failed?.error.code).toBe('model_stream_cut');
    expect(eventsOfType(events, 'action.completed').some((e) => e.actionId === calls[1]?.actionId)).toBe(true);
  });

  it('cancelling mid-run stops the call in flight and starts no request after the abort', async () => {
    server.setHoldAll(true);
    const controller = new AbortController();
    const handle = runGraph({
      runId: 'r',
      graphVersion: 1,
      graph: chain,
      goal: 'x',
      provider: provider(),
      signal: controller.signal,
      escalations: async () => ({ decision: 'approve' }),
    });
    const events: RunEvent[] = [];
    const consumed = (async () => {
      for await (const event of handle.events) events.push(event);
    })();
    await server.waitForHeld(1);
    controller.abort('stop');
    const requestsAtAbort = server.requests.length;
    await consumed;
    const outcome = await handle.outcome;
    server.release();
    expect(outcome.status).toBe('cancelled');
    expect(events.at(-1)).toMatchObject({ type: 'run.cancelled', reason: 'stop' });
    expect(server.requests).toHaveLength(requestsAtAbort);
    await server.waitForAborted(1);
    expect(server.requests[0]?.aborted).toBe(true);
    expect(eventsOfType(events, 'action.started').some((e) => e.agentId === 'b')).toBe(false);
    // The call in flight and its node were stopped by the cancel, not failed: every ended action says so.
    const ended = eventsOfType(events, 'action.failed');
    expect(ended.length).toBeGreaterThanOrEqual(2);
    for (const event of ended) expect(event.error.code).toBe('run_cancelled');
  });

  it('ends the run failed with a budget event when the model-call budget is met', async () => {
    const { outcome, events } = await collectRun({
      graph: chain,
      goal: 'x',
      provider: provider(),
      budget: { maxModelCalls: 2 },
    });
    expect(actionTreeProblems(events)).toEqual([]);
    expect(outcome.status).toBe('failed');
    expect(server.requests).toHaveLength(2);
    expect(eventsOfType(events, 'budget.exceeded')[0]).toMatchObject({
      limit: 'maxModelCalls',
      limitValue: 2,
      spent: 2,
    });
    expect(events.at(-1)).toMatchObject({ type: 'run.failed', error: { code: 'budget_exceeded' } });
    expect(eventsOfType(events, 'run.started')[0]?.budget.maxModelCalls).toBe(2);
  });

  it('stops on the token budget, set by the graph', async () => {
    server.setResponder(() => ({ text: 'ok', usage: { prompt_tokens: 60, completion_tokens: 10 } }));
    const { outcome, events } = await collectRun({
      graph: { ...chain, budget: { maxTokens: 100 } },
      goal: 'x',
      provider: provider(),
    });
    expect(actionTreeProblems(events)).toEqual([]);
    expect(outcome.status).toBe('failed');
    expect(server.requests).toHaveLength(2);
    expect(eventsOfType(events, 'budget.exceeded')[0]).toMatchObject({
      limit: 'maxTokens',
      limitValue: 100,
      spent: 140,
    });
  });
});
