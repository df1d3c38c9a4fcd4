// A streaming parser of Server-Sent Events as a client sees them (fields id/event/data, comments ignored).

export interface SseMessage {
  id: string | null;
  event: string;
  data: string;
}

/** Reads an SSE response body to its end, calling onMessage for each message as soon as it is complete. */
export async function readSse(body: ReadableStream<Uint8Array>, onMessage: (message: SseMessage) => void) {
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of body) {
    buffer += decoder.decode(chunk, { stream: true });
    let end = buffer.indexOf('\n\n');
    while (end !== -1) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const message = parseBlock(block);
      if (message) onMessage(message);
      end = buffer.indexOf('\n\n');
    }
  }
}

function parseBlock(block: string): SseMessage | null {
  let id: string | null = null;
  let event = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line === '' || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'id') id = value;
    else if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  }
  if (data.length === 0 && id === null) return null;
  return { id, event, data: data.join('\n') };
}
