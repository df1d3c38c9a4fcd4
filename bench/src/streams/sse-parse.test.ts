// The SSE parser must see messages split across chunks, comments and multi-line data exactly as a browser would.
// bench/ has no vitest: its unit tests use node:test, run by `npm test` before the smoke run.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readSse, type SseMessage } from './sse-parse';

function streamOf(chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
}

test('readSse parses messages split across chunks and skips heartbeat comments', async () => {
  const messages: SseMessage[] = [];
  const chunks = ['id: 1\nda', 'ta: {"a":1}\n\n: heartbeat\n\nid: 2\ndata: x\ndata: y\n\nevent: end\ndata: {}\n\n'];
  await readSse(streamOf(chunks), (m) => messages.push(m));
  assert.deepEqual(messages, [
    { id: '1', event: 'message', data: '{"a":1}' },
    { id: '2', event: 'message', data: 'x\ny' },
    { id: null, event: 'end', data: '{}' },
  ]);
});
