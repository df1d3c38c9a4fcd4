// The fake's own tools for crash tests: requests counted by content, and the k-th matching request held.
import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeOpenAIServer, requestContentKey, startFakeOpenAIServer } from './fake-openai-server';

let server: FakeOpenAIServer;
afterEach(() => server?.close());

describe('fake OpenAI server', () => {
  it('counts requests by content and holds the k-th request a rule matches until it is released', async () => {
    server = await startFakeOpenAIServer();
    const client = new OpenAI({ apiKey: 'k', baseURL: server.baseURL, maxRetries: 0 });
    const ask = (content: string) =>
      client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content }] });
    const held = server.holdNth((r) => r.body.messages.some((m) => m.content === 'b'), 2);
    await ask('a');
    await ask('b');
    const second = ask('b');
    const request = await held;
    expect(request.index).toBe(2);
    expect(server.heldCount).toBe(1);
    expect(server.countByContent(requestContentKey({ model: 'm', messages: [{ role: 'user', content: 'b' }] }))).toBe(
      2,
    );
    expect(server.countByContent(requestContentKey({ model: 'm', messages: [{ role: 'user', content: 'a' }] }))).toBe(
      1,
    );
    server.release();
    await second;
    expect(server.requests.map((r) => r.answered)).toEqual([true, true, true]);
  });
});
