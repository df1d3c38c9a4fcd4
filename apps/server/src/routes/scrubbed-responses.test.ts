// A key a client put in a graph's name, description or a run's goal is never sent back: every JSON answer that
// carries stored user text is scrubbed, as exports and traces are, and events were scrubbed before they were sealed.
import type { GraphRecord, RunEvent, RunRecord, StartRunResponse } from '@baton/contracts';
import { verifyRunLog } from '@baton/engine';
import { afterEach, describe, expect, it } from 'vitest';
import { agentGraph } from '../../test/documents';
import { type TestServer, testServer } from '../../test/harness';
import { collectSse } from '../../test/sse';

const KEY = 'sk-client-pasted-0b9d7e5c3a1f';

let server: TestServer;
afterEach(async () => server?.close());

describe('responses with stored user text', () => {
  it('come back scrubbed from every graph, run and version route', async () => {
    server = testServer({ secrets: [KEY], fake: { deltaText: `a delta quoting ${KEY} ` } });
    const bodies: string[] = [];
    const call = async (method: string, path: string, body?: unknown) => {
      const response = await server.call(method, path, body);
      const text = await response.text();
      expect(response.status, `${method} ${path}: ${text}`).toBeLessThan(300);
      bodies.push(`${method} ${path}\n${text}`);
      return text;
    };
    const document = { ...agentGraph('g-secret'), name: `Flow ${KEY}`, description: `Uses ${KEY} to call out` };
    const graph = JSON.parse(await call('POST', '/api/graphs', { document })) as GraphRecord;
    const { runId } = JSON.parse(
      await call('POST', `/api/graphs/${graph.id}/runs`, { goal: `Summarise with key ${KEY}` }),
    ) as StartRunResponse;
    const stream = await collectSse(await server.call('GET', `/api/runs/${runId}/events`));
    bodies.push(...stream.map((m) => m.data));

    // The four routes of the issue, then every other route that answers with a stored record.
    await call('GET', '/api/graphs');
    await call('GET', `/api/graphs/${graph.id}`);
    await call('GET', `/api/graphs/${graph.id}/runs`);
    const run = JSON.parse(await call('GET', `/api/runs/${runId}`)) as RunRecord;
    await call('GET', `/api/runs/${runId}/trace`);
    await call('POST', `/api/runs/${runId}/cancel`);
    await call('GET', `/api/graphs/${graph.id}/export`);
    await call('PATCH', `/api/graphs/${graph.id}`, { name: `Renamed ${KEY}`, description: KEY });
    await call('POST', `/api/graphs/${graph.id}/versions`, { label: `label ${KEY}` });
    await call('GET', `/api/graphs/${graph.id}/versions`);
    await call('GET', `/api/graphs/${graph.id}/versions/1`);
    await call('POST', `/api/graphs/${graph.id}/versions/1/restore`);
    await call('POST', `/api/graphs/${graph.id}/duplicate`);

    // The key really is stored (it is the client's own text), so a route that forgot to scrub would show it.
    expect((await server.graphs.getGraph(graph.id))!.draft.description).toContain(KEY);
    expect((await server.runs.getRun(runId))!.goal).toContain(KEY);
    const everything = bodies.join('\n');
    expect(everything).toContain('[redacted]');
    expect(everything).not.toContain(KEY);
    expect(run).toMatchObject({ status: 'completed', goal: 'Summarise with key [redacted]' });

    // The stored events were scrubbed before they were sealed: they verify as they are, none marked redacted.
    const events = await server.runs.readEvents(runId, 0);
    expect(JSON.stringify(events)).not.toContain(KEY);
    expect(events.some((e: RunEvent) => e.redacted)).toBe(false);
    expect(verifyRunLog(events, { lastHash: run.lastHash, count: run.eventCount })).toEqual({ ok: true });
  });
});
