// The peer of our SSE stream: a bare Hono `streamSSE` loop pushing the same events, from memory, with nothing else.
// Started as its own process (like our server) by the stream case; prints `LISTENING <port>` when ready.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { createEventSource } from './events';

interface Message {
  id: string;
  data: string;
}

const app = new Hono();
const replayCache = new Map<number, Message[]>();

/** Pre-serialised, as a store would hand them over: the loop itself is what is measured. */
function replayMessages(count: number): Message[] {
  let messages = replayCache.get(count);
  if (!messages) {
    const source = createEventSource('peer-replay', count);
    messages = [];
    while (!source.done) {
      const event = source.next(1_700_000_000_000);
      messages.push({ id: String(event.seq), data: JSON.stringify(event) });
    }
    replayCache.set(count, messages);
  }
  return messages;
}

app.get('/replay/:count', (c) =>
  streamSSE(c, async (stream) => {
    for (const message of replayMessages(Number(c.req.param('count')))) await stream.writeSSE(message);
    await stream.writeSSE({ event: 'end', data: '{}' });
  }),
);

// Live: watchers follow a shared log; POST /live/start emits events at a given rate, stamping `at` on emission.
let log: Message[] = [];
let ended = true;
let waiters: (() => void)[] = [];
function notify(): void {
  const waiting = waiters;
  waiters = [];
  for (const wake of waiting) wake();
}

app.get('/live', (c) =>
  streamSSE(c, async (stream) => {
    let sent = 0;
    for (;;) {
      while (sent < log.length) await stream.writeSSE(log[sent++]!);
      if (ended) break;
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
    await stream.writeSSE({ event: 'end', data: '{}' });
  }),
);

app.post('/live/start', (c) => {
  const count = Number(c.req.query('count'));
  const rate = Number(c.req.query('rate'));
  const source = createEventSource('peer-live', count);
  log = [];
  ended = false;
  // Emitted in 5 ms ticks at the requested rate; each event is sealed when it is emitted, as the engine does.
  const perTick = Math.max(1, Math.round((rate * 5) / 1000));
  const tick = () => {
    for (let i = 0; i < perTick && !source.done; i++) {
      const event = source.next(Date.now());
      log.push({ id: String(event.seq), data: JSON.stringify(event) });
    }
    if (source.done) ended = true;
    notify();
    if (!ended) setTimeout(tick, 5);
  };
  setTimeout(tick, 0);
  return c.json({ ok: true });
});

const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info) => {
  process.stdout.write(`LISTENING ${info.port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
