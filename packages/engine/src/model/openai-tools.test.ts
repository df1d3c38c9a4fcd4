// The openai adapter and tools: definitions go out as `tools` (strict only inside OpenAI's subset), streamed
// `delta.tool_calls` come back assembled (arguments split over chunks, several calls in one reply), and a
// tool-calling turn is sent back with its calls only.
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeOpenAIServer, startFakeOpenAIServer } from '../testing/fake-openai-server';
import { prompt, wrapAsData } from '../trust/wrap';
import { createOpenAIProvider } from './openai-provider';
import type { ModelRequest, StreamPart, ToolDefinition } from './provider';

let server: FakeOpenAIServer;
afterEach(() => server?.close());

async function setup() {
  server = await startFakeOpenAIServer();
  return createOpenAIProvider({
    apiKey: 'sk-test',
    baseURL: server.baseURL,
    models: { fast: 'm-fast', balanced: 'm-balanced', deep: 'm-deep' },
    maxRetries: 0,
  });
}

const calculator: ToolDefinition = {
  name: 'calculator',
  description: 'Evaluates an arithmetic expression.',
  inputSchema: {
    type: 'object',
    properties: { expression: { type: 'string' } },
    required: ['expression'],
    additionalProperties: false,
  },
};
const loose: ToolDefinition = {
  name: 'lookup',
  description: 'Looks a word up.',
  inputSchema: { type: 'object', properties: { word: { type: 'string', minLength: 1 } } },
};

function request(extra: Partial<ModelRequest> = {}): ModelRequest {
  return {
    tier: 'balanced',
    model: 'm-balanced',
    messages: [
      { role: 'system', content: prompt`You are a test.` },
      { role: 'user', content: prompt`Add two and two.` },
    ],
    responseFormat: { type: 'text' },
    agentName: 'tester',
    signal: new AbortController().signal,
    tools: [calculator, loose],
    ...extra,
  };
}

describe('the openai adapter with tools', () => {
  it('sends tools, strict only for schemas in the strict subset', async () => {
    const provider = await setup();
    await provider.complete(request());
    expect(server.requests[0]!.body.tools).toEqual([
      {
        type: 'function',
        function: {
          name: 'calculator',
          description: calculator.description,
          parameters: calculator.inputSchema,
          strict: true,
        },
      },
      {
        type: 'function',
        function: { name: 'lookup', description: loose.description, parameters: loose.inputSchema, strict: false },
      },
    ]);
  });

  it('sends no tools field when the request has none', async () => {
    const provider = await setup();
    await provider.complete(request({ tools: [] }));
    expect(server.requests[0]!.body.tools).toBeUndefined();
  });

  it('assembles two calls of one reply whose arguments arrive split over chunks, in reply order', async () => {
    const provider = await setup();
    server.enqueue({
      text: 'Let me compute.',
      toolCalls: [
        {
          id: 'srv_a',
          name: 'calculator',
          arguments: '{"expression":"2+2"}',
          argumentChunks: ['{"expr', 'ession":', '"2+2"}'],
        },
        { id: 'srv_b', name: 'lookup', arguments: '{"word":"four"}', argumentChunks: ['{', '"word":"fo', 'ur"', '}'] },
      ],
    });
    const parts: StreamPart[] = [];
    const response = await provider.complete(request({ onPart: (part) => parts.push(part) }));
    expect(response.finishReason).toBe('tool_calls');
    expect(response.text).toBe('Let me compute.');
    expect(response.toolCalls).toEqual([
      { id: 'srv_a', name: 'calculator', arguments: '{"expression":"2+2"}' },
      { id: 'srv_b', name: 'lookup', arguments: '{"word":"four"}' },
    ]);
    const callParts = parts.filter((part) => part.type === 'tool-call-delta');
    expect(
      callParts
        .filter((part) => part.index === 0)
        .map((part) => part.argumentsDelta)
        .join(''),
    ).toBe('{"expression":"2+2"}');
    expect(callParts.filter((part) => part.index === 1)).toHaveLength(5);
    expect(callParts[0]).toMatchObject({ index: 0, id: 'srv_a', name: 'calculator' });
  });

  it('a reply without calls finishes with stop and no calls', async () => {
    const provider = await setup();
    server.enqueue({ text: 'Four.' });
    const response = await provider.complete(request());
    expect(response).toMatchObject({ text: 'Four.', toolCalls: [], finishReason: 'stop' });
  });

  it('sends a tool-calling turn back with its calls and no content, and the result as a tool message', async () => {
    const provider = await setup();
    await provider.complete(
      request({
        messages: [
          { role: 'system', content: prompt`You are a test.` },
          { role: 'user', content: prompt`Add two and two.` },
          {
            role: 'assistant',
            content: prompt``,
            toolCalls: [{ id: 'call_1', name: 'calculator', arguments: '{"expression":"2+2"}' }],
          },
          { role: 'tool', toolCallId: 'call_1', content: wrapAsData('n0nce', prompt`calculator result`, '4') },
        ],
      }),
    );
    const sent = server.requests[0]!.body.messages;
    expect(sent[2]).toEqual({
      role: 'assistant',
      content: null,
      tool_calls: [
        { id: 'call_1', type: 'function', function: { name: 'calculator', arguments: '{"expression":"2+2"}' } },
      ],
    });
    expect(sent[3]).toMatchObject({ role: 'tool', tool_call_id: 'call_1' });
    expect(sent[3]!.content).toContain('4');
  });
});
