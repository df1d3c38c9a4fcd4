// A source that cannot list its tools when the run starts (an MCP server that does not answer) does not stop the
// run: its tools stand in, unlisted, and a call to one goes to the source, whose error the model sees.
import type { JsonValue } from '@baton/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { createOpenAIProvider } from '../model/openai-provider';
import { collectRun, eventsOfType } from '../testing/collect-run';
import { type FakeOpenAIServer, startFakeOpenAIServer } from '../testing/fake-openai-server';
import { edge, graph, node } from '../testing/graphs';
import type { ToolSource } from './source';

let server: FakeOpenAIServer | undefined;
afterEach(() => server?.close());

describe('a tool source that cannot list its tools', () => {
  it('lets the run go on: the model is offered the tool, and its call fails with the source’s error', async () => {
    const calls: { tool: string; args: JsonValue }[] = [];
    const down: ToolSource = {
      name: 'remote',
      list: () => Promise.reject(new Error('connection refused')),
      call: async (tool, args) => {
        calls.push({ tool, args });
        throw new Error('The MCP server "remote" is unreachable: the connection was refused.');
      },
    };
    server = await startFakeOpenAIServer();
    server.enqueue(
      { toolCalls: [{ name: 'lookup', arguments: '{"q":"x"}' }] },
      { text: 'It was down; answering anyway.' },
    );
    const provider = createOpenAIProvider({
      apiKey: 'sk-test',
      baseURL: server.baseURL,
      models: { fast: 'f', balanced: 'b', deep: 'd' },
      maxRetries: 0,
    });
    const { outcome, events } = await collectRun({
      graph: graph(
        [
          node('in', 'input'),
          node('agent', 'specialist', { instructions: 'Look it up.', tools: [{ source: 'remote', name: 'lookup' }] }),
          node('out', 'output'),
        ],
        [edge('in', 'agent'), edge('agent', 'out')],
      ),
      goal: 'Find out',
      provider,
      tools: [down],
    });
    expect(outcome.status).toBe('completed');
    const offered = server.requests[0]!.body.tools!.map((t) => t.function);
    expect(offered).toEqual([
      expect.objectContaining({ name: 'lookup', description: expect.stringContaining('could not list its tools') }),
    ]);
    expect(calls).toEqual([{ tool: 'lookup', args: { q: 'x' } }]);
    const failed = eventsOfType(events, 'action.failed');
    expect(failed.map((e) => e.error.message)).toEqual([
      'The MCP server "remote" is unreachable: the connection was refused.',
    ]);
    expect(String(server.requests[1]!.body.messages.at(-1)!.content)).toContain('is unreachable');
  });
});
