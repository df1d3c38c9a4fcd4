// Deeply nested JSON bodies on every route that reads one: 4xx with a sentence and a path, never 5xx, nothing stored.
import type { ApiErrorBody, GraphRecord, StartRunResponse } from '@baton/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { agentGraph, findingsContract } from '../../test/documents';
import { type TestServer, testServer } from '../../test/harness';
import { BODY_LIMITS } from '../http/body';
import { waitForRun } from '../runs/wait-for-run';

let server: TestServer;
afterEach(async () => server?.close());

const json = async <T>(response: Response) => (await response.json()) as T;

const DEPTHS = [1_000, 10_000, 100_000, 1_000_000];

/** `[[[...]]]` or `{"a":{"a":...}}` as text: building it as a value and stringifying it would overflow first. */
function nested(depth: number, shape: 'array' | 'object'): string {
  return shape === 'array'
    ? `${'['.repeat(depth)}${']'.repeat(depth)}`
    : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

/** Every route that reads a JSON body, with the body built around a deep value. */
function routes(graphId: string, runId: string): { method: string; path: string; body: (deep: string) => string }[] {
  return [
    { method: 'POST', path: `/api/graphs/${graphId}/runs`, body: (deep) => `{"goal":"go","input":${deep}}` },
    {
      method: 'POST',
      path: `/api/runs/${runId}/escalations/esc_1`,
      body: (deep) => `{"decision":"edit","payload":${deep}}`,
    },
    { method: 'POST', path: '/api/graphs', body: (deep) => `{"document":${deep}}` },
    { method: 'POST', path: '/api/graphs', body: (deep) => `{"name":${deep}}` },
    { method: 'POST', path: '/api/graphs/import', body: (deep) => deep },
    { method: 'PATCH', path: `/api/graphs/${graphId}`, body: (deep) => `{"name":"x","description":${deep}}` },
    { method: 'PUT', path: `/api/graphs/${graphId}/draft`, body: (deep) => `{"document":${deep},"baseRevision":0}` },
    { method: 'POST', path: `/api/graphs/${graphId}/versions`, body: (deep) => `{"label":${deep}}` },
    { method: 'POST', path: '/api/session', body: (deep) => `{"token":${deep}}` },
  ];
}

async function waitingRun(): Promise<{ graphId: string; runId: string }> {
  server = testServer({
    fake: { escalate: { payload: { summary: 's', confidence: 0.2 }, contract: findingsContract } },
  });
  const graph = await json<GraphRecord>(await server.call('POST', '/api/graphs', { document: agentGraph() }));
  const { runId } = await json<StartRunResponse>(
    await server.call('POST', `/api/graphs/${graph.id}/runs`, { goal: 'go' }),
  );
  expect((await waitForRun(server, runId, (r) => r.status === 'waiting', 2000))?.status).toBe('waiting');
  return { graphId: graph.id, runId };
}

describe('deeply nested JSON bodies', () => {
  it('every JSON route answers 400 with the depth limit and a path, from 1,000 to 1,000,000 levels', async () => {
    const { graphId, runId } = await waitingRun();
    const before = {
      graphs: await server.graphs.listGraphs(),
      graph: await server.graphs.getGraph(graphId),
      runs: await server.runs.listRuns(graphId),
      run: await server.runs.getRun(runId),
    };
    for (const depth of DEPTHS) {
      for (const shape of ['array', 'object'] as const) {
        for (const route of routes(graphId, runId)) {
          const label = `${route.method} ${route.path} at ${depth} (${shape})`;
          const response = await server.call(route.method, route.path, route.body(nested(depth, shape)));
          expect(response.status, label).toBe(400);
          const { error } = await json<ApiErrorBody>(response);
          expect(error.code, label).toBe('too_deep');
          expect(error.message, label).toBe(
            `The request body is nested too deeply: a request body can nest objects and arrays at most ${BODY_LIMITS.depth} levels deep.`,
          );
          // The path leads to the first level past the limit, inside the deep value.
          const path = error.issues[0]!.path;
          expect(path, label).toMatch(shape === 'array' ? /^\$(\.\w+)?(\[0\])+$/ : /^\$(\.\w+)?(\.a)+$/);
          expect(path.split(/[.[]/).length - 1, label).toBe(BODY_LIMITS.depth);
        }
      }
    }
    // Nothing was stored: no graph, no run, no decision, no new event.
    expect(await server.graphs.listGraphs()).toEqual(before.graphs);
    expect(await server.graphs.getGraph(graphId)).toEqual(before.graph);
    expect(await server.runs.listRuns(graphId)).toEqual(before.runs);
    expect(await server.runs.getRun(runId)).toEqual(before.run);
    expect(server.logs.filter((line) => line.includes('failed'))).toEqual([]);
  }, 120_000);

  it('accepts a run input and an edited payload as deep as a graph may be', async () => {
    const { graphId, runId } = await waitingRun();
    const deepest = nested(BODY_LIMITS.depth - 1, 'array');
    const started = await server.call('POST', `/api/graphs/${graphId}/runs`, `{"goal":"go","input":${deepest}}`);
    expect(started.status).toBe(202);
    const tooDeep = nested(BODY_LIMITS.depth, 'array');
    const refused = await server.call('POST', `/api/graphs/${graphId}/runs`, `{"goal":"go","input":${tooDeep}}`);
    expect(refused.status).toBe(400);
    // The contract refuses an array, so the payload gets past the guard to the contract: 400 for the schema.
    const edited = await server.call('POST', `/api/runs/${runId}/escalations/esc_1`, {
      decision: 'edit',
      payload: JSON.parse(deepest),
    });
    expect(edited.status).toBe(400);
    expect((await json<ApiErrorBody>(edited)).error.code).toBe('invalid_payload');
  });

  it('refuses __proto__ keys, malformed JSON with its position, and oversized bodies with 413', async () => {
    server = testServer();
    const proto = await server.call('POST', '/api/graphs', '{"name":"x","description":"d","__proto__":{"a":1}}');
    expect(proto.status).toBe(400);
    expect((await json<ApiErrorBody>(proto)).error.issues).toEqual([
      { path: '$.__proto__', message: 'The key "__proto__" is not allowed in a request body.', code: 'invalid_shape' },
    ]);
    const malformed = await server.call('POST', '/api/graphs', '{"name": "x",}');
    expect(malformed.status).toBe(400);
    const { error } = await json<ApiErrorBody>(malformed);
    expect(error.code).toBe('invalid_json');
    expect(error.message).toBe(
      'The text is not valid JSON: expected a property name in double quotes, found "}" at line 1, column 14 (position 13).',
    );
    const huge = await server.call('POST', '/api/graphs', `{"name":"${'x'.repeat(7 * 1024 * 1024)}"}`);
    expect(huge.status).toBe(413);
    expect(await server.graphs.listGraphs()).toEqual([]);
  });
});
