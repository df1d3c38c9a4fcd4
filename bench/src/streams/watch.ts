// One SSE watcher: connects, parses every message as a browser would, and checks what it was delivered.
import { createDeliveryCheck, type Delivery } from './delivery';
import { readSse } from './sse-parse';

export interface Watcher {
  /** Resolves once the response headers arrived: from then on, events count as live for this watcher. */
  connected: Promise<void>;
  /** Resolves when the stream ended. */
  done: Promise<Delivery>;
}

export function watch(url: string): Watcher {
  let connectedAt = Number.POSITIVE_INFINITY;
  const check = createDeliveryCheck(() => connectedAt);
  let markConnected!: () => void;
  const connected = new Promise<void>((resolve) => {
    markConnected = resolve;
  });
  const done = (async () => {
    const response = await fetch(url, { headers: { accept: 'text/event-stream' } });
    if (!response.ok || !response.body) throw new Error(`GET ${url}: ${response.status} ${await response.text()}`);
    connectedAt = Date.now();
    markConnected();
    await readSse(response.body, check.onMessage);
    return check.delivery;
  })();
  done.catch(() => markConnected());
  return { connected, done };
}
