// GET /api/runs/:id/events: Server-Sent Events, replayed from the store after Last-Event-ID, then live, until the end.
import { isTerminalRunStatus, TERMINAL_EVENT_TYPES } from '@baton/contracts';
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { AppDeps } from '../deps';
import { InvalidRequestError, NotFoundError } from '../errors';
import type { StoredEventText } from '../store/types';

const BATCH = 500;
const DEFAULT_HEARTBEAT_MS = 15_000;
/** With no wake-up, the store is read again this often anyway: a notifier that died (or a lost wake) costs seconds. */
const DEFAULT_POLL_MS = 3_000;
const TERMINAL_TYPES: ReadonlySet<string> = new Set(TERMINAL_EVENT_TYPES);

export function eventRoutes(deps: AppDeps): Hono {
  const app = new Hono();
  const { runs, notifier, logger } = deps;
  const heartbeatMs = deps.heartbeatMs ?? DEFAULT_HEARTBEAT_MS;
  const pollMs = deps.pollMs ?? DEFAULT_POLL_MS;

  app.get('/runs/:id/events', async (c) => {
    const runId = c.req.param('id');
    if (!(await runs.getRun(runId))) throw new NotFoundError(`The run "${runId}"`, 'run_not_found');
    const after = parseAfter(c.req.header('last-event-id') ?? c.req.query('after'));
    c.header('X-Accel-Buffering', 'no');

    return streamSSE(c, async (stream) => {
      let cursor = after;
      // Set by the notifier; checked before sleeping so that no wake-up between a read and the wait is lost.
      let dirty = false;
      let wake = () => {};
      const unsubscribe = notifier.subscribe(runId, () => {
        dirty = true;
        wake();
      });
      stream.onAbort(() => wake());
      let lastWrite = Date.now();
      try {
        while (!stream.aborted && !stream.closed) {
          dirty = false;
          const batch = await runs.readEventTexts(runId, cursor, BATCH);
          if (batch.length > 0) {
            // One write per page, from the stored text: no parse, no re-stringify, one await for 500 events.
            await stream.write(sseFrames(batch));
            lastWrite = Date.now();
            cursor = batch.at(-1)!.seq;
          }
          if (batch.length === BATCH) continue;
          // Only a terminal event ends a run: after any other, the run's row need not be read (per watcher, per wake).
          // With nothing new, it is read, so a run that ended some other way still ends the stream.
          const last = batch.at(-1);
          if (last === undefined || TERMINAL_TYPES.has(last.type)) {
            const run = await runs.getRun(runId);
            if (!run || (isTerminalRunStatus(run.status) && cursor >= run.eventCount)) {
              await stream.writeSSE({ event: 'end', data: '{}' });
              return;
            }
          }
          if (dirty) continue;
          const woke = await new Promise<boolean>((resolve) => {
            const timer = setTimeout(() => resolve(false), Math.min(pollMs, heartbeatMs));
            wake = () => {
              clearTimeout(timer);
              resolve(true);
            };
          });
          // A comment line keeps proxies and the browser from timing the stream out.
          if (!woke && !stream.aborted && Date.now() - lastWrite >= heartbeatMs) {
            await stream.write(': heartbeat\n\n');
            lastWrite = Date.now();
          }
        }
      } catch (error) {
        if (!stream.aborted) logger.error(`event stream of run ${runId} failed`, error);
      } finally {
        unsubscribe();
      }
    });
  });

  return app;
}

/** Last-Event-ID or ?after=: the last seq the client has; 0 (or nothing) replays from the start. */
function parseAfter(text: string | undefined): number {
  if (text === undefined || text.trim() === '') return 0;
  if (!/^\d{1,12}$/.test(text.trim())) {
    throw new InvalidRequestError('Last-Event-ID and "after" must be an event seq (a whole number).', [
      { path: '$.after', message: 'Not a whole number.' },
    ]);
  }
  return Number(text.trim());
}

/**
 * SSE messages as Hono's `writeSSE` frames them (`data:` then `id:`), for a page of stored events. Stored bodies are
 * `JSON.stringify` output, which has no line breaks; one that had would become several `data:` lines, as writeSSE does.
 */
export function sseFrames(events: readonly StoredEventText[]): string {
  let text = '';
  for (const { seq, body } of events) {
    const data = body.includes('\n') || body.includes('\r') ? body.split(/\r\n|\r|\n/).join('\ndata: ') : body;
    text += `data: ${data}\nid: ${seq}\n\n`;
  }
  return text;
}
