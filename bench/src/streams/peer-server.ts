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

// Live: watchers follow a run's log; POST /live/:run/start emits its events at a given rate, stamping `at` on emission.
interface LiveRun {
  log: Message[];
  ended: boolean;
  waiters: (() => void)[];
}
const liveRuns = new Map<string, LiveRun>();

function liveRun(id: string): LiveRun {
  let run = liveRuns.get(id);
  if (!run) {
    run = { log: [], ended: false, waiters: [] };
    liveRuns.set(id, run);
  }
  return run;
}

function notify(run: LiveRun): void {
  const waiting = run.waiters;
  run.waiters = [];
  for (const wake of waiting) wake();
}

app.get('/live/:run', (c) =>
  streamSSE(c, async (stream) => {
    const run = liveRun(c.req.param('run'));
    let sent = 0;
    for (;;) {
      while (sent < run.log.length) await stream.writeSSE(run.log[sent++]!);
      if (run.ended) break;
      await new Promise<void>((resolve) => run.waiters.push(resolve));
    }
    await stream.writeSSE({ event: 'end', data: '{}' });
  }),
);

app.post('/live/:run/start', (c) => {
  const count = Number(c.req.query('count'));
  const rate = Number(c.req.query('rate'));
  const run = liveRun(c.req.param('run'));
  const source = createEventSource(`peer-live-${c.req.param('run')}`, count);
  // Emitted in 5 ms ticks, as many as the rate says are due by now; each is sealed on emission, as the engine does.
  const started = Date.now();
  const tick = () => {
    const due = Math.min(count, Math.ceil(((Date.now() - started) * rate) / 1000));
    while (run.log.length < due) {
      const event = source.next(Date.now());
      run.log.push({ id: String(event.seq), data: JSON.stringify(event) });
    }
    if (source.done) run.ended = true;
    notify(run);
    if (!run.ended) setTimeout(tick, 5);
  };
  setTimeout(tick, 0);
  return c.json({ ok: true });
});

const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info) => {
  process.stdout.write(`LISTENING ${info.port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
