import type { ApiErrorBody, GraphRecord, RunEvent, StartRunResponse } from '@baton/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { agentGraph } from '../../test/documents';
import { type TestServer, testServer } from '../../test/harness';
import { collectSse, readSse } from '../../test/sse';

let server: TestServer;
afterEach(async () => server?.close());

const json = async <T>(response: Response) => (await response.json()) as T;

async function runOf(s: TestServer): Promise<string> {
  const graph = await json<GraphRecord>(await s.call('POST', '/api/graphs', { document: agentGraph() }));
  const started = await json<StartRunResponse>(await s.call('POST', `/api/graphs/${graph.id}/runs`, { goal: 'go' }));
  return started.runId;
}

describe('GET /api/runs/:id/events', () => {
  it('streams every event with its seq as the SSE id, then one end message', async () => {
    server = testServer({ fake: { stepMs: 10 } });
    const runId = await runOf(server);
    const response = await server.call('GET', `/api/runs/${runId}/events`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const messages = await collectSse(response);
    const events = messages.filter((m) => m.event === 'message').map((m) => JSON.parse(m.data) as RunEvent);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(messages.filter((m) => m.event === 'message').map((m) => m.id)).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    expect(events[0]!.type).toBe('run.started');
    expect(events.at(-1)!.type).toBe('run.completed');
    expect(messages.at(-1)).toEqual({ id: undefined, event: 'end', data: '{}' });
  });

  it('replays only the events after Last-Event-ID or ?after=', async () => {
    server = testServer();
    const runId = await runOf(server);
    await collectSse(await server.call('GET', `/api/runs/${runId}/events`));
    const byHeader = await collectSse(
      await server.call('GET', `/api/runs/${runId}/events`, undefined, { 'last-event-id': '4' }),
    );
    expect(byHeader.map((m) => m.id)).toEqual(['5', '6', '7', undefined]);
    const byQuery = await collectSse(await server.call('GET', `/api/runs/${runId}/events?after=6`));
    expect(byQuery.map((m) => m.id)).toEqual(['7', undefined]);
    const atEnd = await collectSse(await server.call('GET', `/api/runs/${runId}/events?after=7`));
    expect(atEnd.map((m) => m.event)).toEqual(['end']);
  });

  it('gives two watchers the same events, and a watcher that stops reading does not hold up the run', async () => {
    server = testServer({ fake: { stepMs: 5, deltas: 30 } });
    const runId = await runOf(server);
    const stalled = await server.call('GET', `/api/runs/${runId}/events`);
    const reader = stalled.body!.getReader();
    await reader.read(); // reads one chunk, then never again
    const [a, b] = await Promise.all([
      collectSse(await server.call('GET', `/api/runs/${runId}/events`)),
      collectSse(await server.call('GET', `/api/runs/${runId}/events`)),
    ]);
    expect(a.map((m) => m.id)).toEqual(b.map((m) => m.id));
    expect(a).toHaveLength(35);
    expect((await server.runs.getRun(runId))?.status).toBe('completed');
    await reader.cancel();
  });

  it('sends heartbeats as comments while nothing happens', async () => {
    server = testServer({ fake: { stepMs: 700, deltas: 1 } });
    const runId = await runOf(server);
    const stats = { comments: 0 };
    const ids: (string | undefined)[] = [];
    for await (const message of readSse(await server.call('GET', `/api/runs/${runId}/events`), stats)) {
      ids.push(message.id);
    }
    expect(stats.comments).toBeGreaterThan(0);
    expect(ids.at(-1)).toBeUndefined();
  });

  it('answers an unknown run with 404 and a bad Last-Event-ID with 400', async () => {
    server = testServer();
    const missing = await server.call('GET', '/api/runs/nope/events');
    expect(missing.status).toBe(404);
    expect((await json<ApiErrorBody>(missing)).error.code).toBe('run_not_found');
    const runId = await runOf(server);
    const bad = await server.call('GET', `/api/runs/${runId}/events`, undefined, { 'last-event-id': 'abc' });
    expect(bad.status).toBe(400);
    expect((await server.call('GET', `/api/runs/${runId}/events?after=-1`)).status).toBe(400);
  });
});
