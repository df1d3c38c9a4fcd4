import { SSEStreamingApi } from 'hono/streaming';
import { describe, expect, it } from 'vitest';
import { sseFrames } from './events';

/** What Hono's own writeSSE sends for the same messages: the frames must not differ by a byte. */
async function honoFrames(messages: { id: string; data: string }[]): Promise<string> {
  const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
  const stream = new SSEStreamingApi(writable, readable);
  const text = new Response(stream.responseReadable).text();
  for (const message of messages) await stream.writeSSE(message);
  await stream.close();
  return text;
}

describe('sseFrames', () => {
  it('frames a page of stored events exactly as writeSSE frames each one', async () => {
    const events = [
      {
        seq: 7,
        type: 'action.delta' as const,
        body: JSON.stringify({ seq: 7, text: 'line one\nline two', quote: '"', emoji: '✓' }),
      },
      { seq: 8, type: 'action.delta' as const, body: '{"seq":8}' },
      { seq: 9, type: 'action.delta' as const, body: 'not json\r\nacross\rthree lines' },
    ];
    const expected = await honoFrames(events.map((e) => ({ id: String(e.seq), data: e.body })));
    expect(sseFrames(events)).toBe(expected);
    expect(expected).toContain('data: not json\ndata: across\ndata: three lines\nid: 9\n\n');
  });

  it('is empty for no events', () => {
    expect(sseFrames([])).toBe('');
  });
});
