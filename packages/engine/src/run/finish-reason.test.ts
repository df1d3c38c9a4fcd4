// A model call's finish reason is what the provider said, recorded on its completed event (not derived later), and a
// step reused on resume carries the recorded one.
import type { RunEvent } from '@baton/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOpenAIProvider } from '../model/openai-provider';
import { collectRun, eventsOfType } from '../testing/collect-run';
import { type FakeOpenAIServer, startFakeOpenAIServer } from '../testing/fake-openai-server';
import { edge, graph, node } from '../testing/graphs';

let server: FakeOpenAIServer;
beforeEach(async () => {
  server = await startFakeOpenAIServer();
});
afterEach(() => server.close());

const provider = () =>
  createOpenAIProvider({ apiKey: 'k', baseURL: server.baseURL, models: { fast: 'f', balanced: 'b', deep: 'd' } });

const oneAgent = (tools = false) =>
  graph(
    [
      node('in', 'input'),
      node('writer', 'specialist', tools ? { tools: [{ source: 'builtin', name: 'calculator' }] } : {}),
      node('out', 'output'),
    ],
    [edge('in', 'writer'), edge('writer', 'out')],
  );

function llmCompletions(events: RunEvent[]) {
  const llm = new Set(
    eventsOfType(events, 'action.started')
      .filter((e) => e.actionType === 'llm_call')
      .map((e) => e.actionId),
  );
  return eventsOfType(events, 'action.completed').filter((e) => llm.has(e.actionId));
}

describe('finish reasons', () => {
  it('records the reason the stream ended with: length, as the server said', async () => {
    server.enqueue({ text: 'A reply cut at its token limit', finishReason: 'length' });
    const { outcome, events } = await collectRun({ graph: oneAgent(), goal: 'x', provider: provider() });
    expect(outcome.status).toBe('completed');
    expect(llmCompletions(events).map((e) => e.finishReason)).toEqual(['length']);
  });

  it('records tool_calls for a round that asks for tools, then stop; a resumed run reuses them as recorded', async () => {
    server.enqueue(
      { toolCalls: [{ name: 'calculator', arguments: '{"expression":"2+2"}' }] },
      { text: 'It is 4.', finishReason: 'stop' },
    );
    const first = await collectRun({ graph: oneAgent(true), goal: 'x', provider: provider() });
    expect(first.outcome.status).toBe('completed');
    expect(llmCompletions(first.events).map((e) => e.finishReason)).toEqual(['tool_calls', 'stop']);
    // Resumed from the whole log: no request, and the reused completions say what the recorded ones said.
    const before = server.requests.length;
    const again = await collectRun({ graph: oneAgent(true), goal: 'x', provider: provider(), replay: first.events });
    expect(server.requests.length).toBe(before);
    expect(llmCompletions(again.events).map((e) => e.finishReason)).toEqual(['tool_calls', 'stop']);
  });
});
