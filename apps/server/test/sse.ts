// Reads a Server-Sent Events response into messages, as EventSource would: id, event name, data.
export interface SseMessage {
  id: string | undefined;
  event: string;
  data: string;
}

/** Yields each message; comments (heartbeats) are counted in `stats.comments`. */
export async function* readSse(
  response: Response,
  stats: { comments: number } = { comments: 0 },
): AsyncGenerator<SseMessage> {
  if (!response.body) throw new Error('no body');
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const message: SseMessage = { id: undefined, event: 'message', data: '' };
        const data: string[] = [];
        let isComment = true;
        for (const line of block.split('\n')) {
          if (line.startsWith(':')) continue;
          isComment = false;
          const colon = line.indexOf(':');
          const field = colon < 0 ? line : line.slice(0, colon);
          const val = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
          if (field === 'id') message.id = val;
          else if (field === 'event') message.event = val;
          else if (field === 'data') data.push(val);
        }
        if (isComment) {
          stats.comments++;
          continue;
        }
        message.data = data.join('\n');
        yield message;
      }
    }
  } finally {
    reader.releaseLock();
    await response.body.cancel().catch(() => {});
  }
}

export async function collectSse(response: Response): Promise<SseMessage[]> {
  const out: SseMessage[] = [];
  for await (const message of readSse(response)) out.push(message);
  return out;
}
