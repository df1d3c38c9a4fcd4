import { afterEach, describe, expect, it, vi } from 'vitest';
import { ModelProviderError } from '../errors';
import {
  type FakeOpenAIServer,
  type FakeOpenAIServerOptions,
  startFakeOpenAIServer,
} from '../testing/fake-openai-server';
import { prompt } from '../trust/wrap';
import { createOpenAIProvider } from './openai-provider';
import type { ModelRequest } from './provider';

let server: FakeOpenAIServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function setup(options: FakeOpenAIServerOptions = {}, maxRetries = 2) {
  server = await startFakeOpenAIServer(options);
  const provider = createOpenAIProvider({
    apiKey: 'sk-test',
    baseURL: server.baseURL,
    models: { fast: 'm-fast', balanced: 'm-balanced', deep: 'm-deep' },
    maxRetries,
    timeoutMs: 5000,
  });
  return { server, provider };
}

function request(extra: Partial<ModelRequest> = {}): ModelRequest {
  return {
    tier: 'balanced',
    model: 'm-balanced',
    messages: [
      { role: 'system', content: prompt`You are a test.` },
      { role: 'user', content: prompt`Say hello.` },
    ],
    responseFormat: { type: 'text' },
    agentName: 'tester',
    signal: new AbortController().signal,
    ...extra,
  };
}

const strictSchema = {
  type: 'object',
  properties: { answer: { type: 'string' }, confidence: { type: 'number' } },
  required: ['answer', 'confidence'],
  additionalProperties: false,
};
const looseSchema = { type: 'object', properties: { answer: { type: 'string', minLength: 2 } }, required: ['answer'] };

describe('createOpenAIProvider against the fake server', () => {
  it('streams deltas in order and reports usage and model', async () => {
    const { server, provider } = await setup();
    server.enqueue({ text: 'Hello there, friend.', usage: { prompt_tokens: 7, completion_tokens: 4 } });
    const deltas: string[] = [];
    const response = await provider.complete(
      request({ onPart: (p) => p.type === 'text-delta' && deltas.push(p.text) }),
    );
    expect(response.text).toBe('Hello there, friend.');
    expect(deltas.join('')).toBe('Hello there, friend.');
    expect(deltas.length).toBeGreaterThan(1);
    expect(response.usage).toEqual({ inputTokens: 7, outputTokens: 4, totalTokens: 11 });
    expect(server.requests[0]?.body.stream).toBe(true);
    expect(server.requests[0]?.headers.authorization).toBe('Bearer sk-test');
  });

  it('sends strict: true only for schemas inside the strict subset; the fake refuses strict outside it', async () => {
    const { server, provider } = await setup();
    await provider.complete(request({ responseFormat: { type: 'json_schema', name: 'out', schema: strictSchema } }));
    await provider.complete(request({ responseFormat: { type: 'json_schema', name: 'out', schema: looseSchema } }));
    expect(server.requests[0]?.body.response_format?.json_schema?.strict).toBe(true);
    expect(server.requests[1]?.body.response_format?.json_schema?.strict).toBe(false);
    const refused = await fetch(`${server.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'm',
        messages: [],
        response_format: { type: 'json_schema', json_schema: { name: 'x', schema: looseSchema, strict: true } },
      }),
    });
    expect(refused.status).toBe(400);
  });

  it('falls back to JSON mode, then to prompt-and-parse, when the server refuses structured output', async () => {
    const { server, provider } = await setup({ supportsJsonSchema: false, supportsJsonObject: false });
    const format = { type: 'json_schema' as const, name: 'out', schema: strictSchema };
    const response = await provider.complete(request({ responseFormat: format }));
    expect(JSON.parse(response.text)).toMatchObject({ answer: expect.any(String), confidence: 0.9 });
    expect(server.requests.map((r) => r.body.response_format?.type ?? 'none')).toEqual([
      'json_schema',
      'json_object',
      'none',
    ]);
    expect(server.requests[2]?.body.messages.at(-1)?.content).toContain('JSON Schema');
    // The provider remembers: the next call goes straight to prompt-and-parse.
    await provider.complete(request({ responseFormat: format }));
    expect(server.requests).toHaveLength(4);
  });

  it('lets the SDK retry a 429 (honouring retry-after) and a 500', async () => {
    const { server, provider } = await setup();
    server.enqueue(
      { fault: { kind: 'status', status: 429, retryAfterSeconds: 0 } },
      { fault: { kind: 'status', status: 500, retryAfterSeconds: 0 } },
    );
    server.enqueue({ text: 'finally' });
    const response = await provider.complete(request());
    expect(response.text).toBe('finally');
    expect(server.requests).toHaveLength(3);
  });

  it('fails clearly when every retry fails', async () => {
    const { server, provider } = await setup(
      { respond: () => ({ fault: { kind: 'status', status: 500, message: 'boom', retryAfterSeconds: 0 } }) },
      1,
    );
    const error = await provider.complete(request()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelProviderError);
    expect((error as ModelProviderError).code).toBe('model_server_error');
    expect(server.requests).toHaveLength(2);
  });

  it('turns a stream cut mid-way into a retryable stream_cut error', async () => {
    const { server, provider } = await setup();
    server.enqueue({ text: 'one two three four five', fault: { kind: 'cut', afterChunks: 2 } });
    const error = await provider.complete(request()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelProviderError);
    expect((error as ModelProviderError).code).toBe('model_stream_cut');
    expect((error as ModelProviderError).retryable).toBe(true);
  });

  it('stops a slow stream when the signal aborts', async () => {
    const { server, provider } = await setup();
    server.enqueue({ text: 'a b c d e f g h i j', chunkDelayMs: 50 });
    const controller = new AbortController();
    const pending = provider.complete(
      request({ signal: controller.signal, onPart: () => controller.abort(new Error('stop now')) }),
    );
    await expect(pending).rejects.toThrow('stop now');
  });

  it('sends the SDK\u2019s own messages to the given logger, never to the console, and quotes no chunk in its error', async () => {
    const echoed = 'sk-echoed-by-the-server-42';
    server = await startFakeOpenAIServer();
    const lines: string[] = [];
    const log =
      (level: string) =>
      (message: string, ...rest: unknown[]) =>
        lines.push([level, message, ...rest.map(String)].join(' '));
    const provider = createOpenAIProvider({
      apiKey: 'sk-test',
      baseURL: server.baseURL,
      models: { fast: 'm', balanced: 'm', deep: 'm' },
      maxRetries: 0,
      logger: { error: log('error'), warn: log('warn'), info: log('info'), debug: log('debug') },
    });
    server.enqueue({ text: 'one two three', fault: { kind: 'malformed_body', data: `${echoed} is not JSON` } });
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const error = await provider.complete(request()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ModelProviderError);
      expect(error).toMatchObject({ code: 'model_malformed_response', retryable: true });
      expect((error as Error).message).not.toContain('sk-echoed');
      // The SDK quoted the chunk, key and all: to our logger (which the server scrubs), not to the console.
      expect(lines.join('\n')).toContain(echoed);
      expect(consoleError).not.toHaveBeenCalled();
    } finally {
      consoleError.mockRestore();
    }
  });

  it('lets the SDK print nothing at all without a logger', async () => {
    const { server, provider } = await setup();
    server.enqueue({ text: 'one two three', fault: { kind: 'malformed_body', data: 'sk-quiet-please-1234 oops' } });
    const spies = (['error', 'warn', 'info', 'debug', 'log'] as const).map((level) =>
      vi.spyOn(console, level).mockImplementation(() => {}),
    );
    try {
      await expect(provider.complete(request())).rejects.toBeInstanceOf(ModelProviderError);
      for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });

  it('streams exactly the pieces a reply is scripted in', async () => {
    const { server, provider } = await setup();
    const chunks = ['He', 'l', 'lo, w', 'orld'];
    server.enqueue({ chunks });
    const deltas: string[] = [];
    const response = await provider.complete(
      request({ onPart: (p) => p.type === 'text-delta' && deltas.push(p.text) }),
    );
    expect(deltas).toEqual(chunks);
    expect(response.text).toBe('Hello, world');
  });
});
