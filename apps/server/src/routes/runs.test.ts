import type {
  ApiErrorBody,
  GraphRecord,
  GraphVersionSummary,
  RunRecord,
  RunSummary,
  StartRunResponse,
} from '@baton/contracts';
import { TraceFile } from '@baton/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { agentGraph } from '../../test/documents';
import { type TestServer, testServer } from '../../test/harness';
import { collectSse } from '../../test/sse';

let server: TestServer;
afterEach(async () => server?.close());

const json = async <T>(response: Response) => (await response.json()) as T;

async function createGraph(s: TestServer): Promise<GraphRecord> {
  return json<GraphRecord>(await s.call('POST', '/api/graphs', { document: agentGraph() }));
}

async function startRun(s: TestServer, graphId: string, goal = 'write a poem'): Promise<StartRunResponse> {
  const response = await s.call('POST', `/api/graphs/${graphId}/runs`, { goal });
  expect(response.status).toBe(202);
  return json<StartRunResponse>(response);
}

async function untilEnded(s: TestServer, runId: string): Promise<RunRecord> {
  const messages = await collectSse(await s.call('GET', `/api/runs/${runId}/events`));
  expect(messages.at(-1)?.event).toBe('end');
  return json<RunRecord>(await s.call('GET', `/api/runs/${runId}`));
}

describe('run routes', () => {
  it('starts a run in the background, pins a version, and records the result', async () => {
    server = testServer({ fake: { stepMs: 5 } });
    const graph = await createGraph(server);
    const started = await startRun(server, graph.id);
    expect(started.graphVersion).toBe(1);

    const run = await untilEnded(server, started.runId);
    expect(run).toMatchObject({
      id: started.runId,
      graphId: graph.id,
      graphVersion: 1,
      goal: 'write a poem',
      status: 'completed',
      result: 'done: write a poem',
      eventCount: 7,
      usage: { inputTokens: 3, outputTokens: 4, totalTokens: 7 },
      // The tokens per model and the provider's kind, so that the history can price the run.
      spend: { simulated: true, byModel: { 'fake-model': { inputTokens: 3, outputTokens: 4, totalTokens: 7 } } },
      pendingEscalations: [],
      error: null,
    });
    expect(run.lastHash).toMatch(/^[0-9a-f]{64}$/);
    expect(run.startedAt).not.toBeNull();
    expect(run.endedAt).not.toBeNull();

    // The version was made by the run; a second run of the unchanged draft reuses it.
    const versions = await json<{ items: GraphVersionSummary[] }>(
      await server.call('GET', `/api/graphs/${graph.id}/versions`),
    );
    expect(versions.items).toMatchObject([{ version: 1, reason: 'run' }]);
    const again = await startRun(server, graph.id, 'second');
    expect(again.graphVersion).toBe(1);
    await untilEnded(server, again.runId);

    const list = await json<{ items: RunSummary[] }>(await server.call('GET', `/api/graphs/${graph.id}/runs`));
    expect(list.items.map((r) => r.goal)).toEqual(['second', 'write a poem']);
    const graphs = await server.graphs.listGraphs();
    expect(graphs[0]!.lastRun).toMatchObject({ id: again.runId, status: 'completed' });
  });

  it('refuses a graph that breaks the rules with its issues, and bad bodies, starting nothing', async () => {
    server = testServer();
    const graph = await createGraph(server);
    const noOutput = { ...graph.draft, nodes: graph.draft.nodes.filter((n) => n.kind !== 'output'), edges: [] };
    await server.call('PUT', `/api/graphs/${graph.id}/draft`, { document: noOutput, baseRevision: 0 });

    const invalid = await server.call('POST', `/api/graphs/${graph.id}/runs`, { goal: 'go' });
    expect(invalid.status).toBe(400);
    const body = await json<ApiErrorBody>(invalid);
    expect(body.error.code).toBe('invalid_graph');
    expect(body.error.issues.length).toBeGreaterThan(0);
    expect(body.error.issues[0]!.path).toMatch(/^\$/);

    for (const bad of [{}, { goal: '   ' }, { goal: 'x', budget: { maxModelCalls: -1 } }, { goal: 'x', other: 1 }]) {
      expect((await server.call('POST', `/api/graphs/${graph.id}/runs`, bad)).status, JSON.stringify(bad)).toBe(400);
    }
    expect((await server.call('POST', '/api/graphs/nope/runs', { goal: 'go' })).status).toBe(404);
    expect((await server.call('GET', '/api/graphs/nope/runs')).status).toBe(404);
    expect(await server.runs.listRuns(graph.id)).toEqual([]);
    expect(await server.graphs.listVersions(graph.id)).toEqual([]);
  });

  it('refuses to run a graph whose agent is wired to nothing, with the path of the node', async () => {
    server = testServer();
    const graph = await createGraph(server);
    // The writer stays in the draft (a draft may break the rules), but the input hands straight to the output.
    const bypassed = { ...graph.draft, edges: [{ id: 'e0', kind: 'handoff', source: 'in', target: 'out' }] };
    const saved = await server.call('PUT', `/api/graphs/${graph.id}/draft`, { document: bypassed, baseRevision: 0 });
    expect(saved.status).toBe(200);

    const refused = await server.call('POST', `/api/graphs/${graph.id}/runs`, { goal: 'go' });
    expect(refused.status).toBe(400);
    expect((await json<ApiErrorBody>(refused)).error.issues).toEqual([
      {
        code: 'disconnected',
        path: '$.nodes[1]',
        message:
          'The specialist "writer" is not connected to the run: nothing leads to it from the input "input", and it leads to no output. Connect it between them, or remove it.',
      },
    ]);
    expect(await server.runs.listRuns(graph.id)).toEqual([]);
    expect(await server.graphs.listVersions(graph.id)).toEqual([]);
  });

  it('reads a stored run whose version breaks a rule made after it ran, without checking the rules again', async () => {
    server = testServer();
    const graph = await createGraph(server);
    const older = { ...graph.draft, edges: [{ id: 'e0', kind: 'handoff' as const, source: 'in', target: 'out' }] };
    await server.call('PUT', `/api/graphs/${graph.id}/draft`, { document: older, baseRevision: 0 });
    // As a release without the connectedness rule would have stored it: a version and a run of it.
    const version = await server.graphs.versionOfDraft(graph.id);
    await server.runs.createRun({
      id: 'run_old',
      graphId: graph.id,
      graphVersion: version.version,
      goal: 'from an older release',
      input: null,
      budget: null,
    });
    expect((await server.call('GET', `/api/graphs/${graph.id}`)).status).toBe(200);
    expect((await server.call('GET', `/api/graphs/${graph.id}/versions/${version.version}`)).status).toBe(200);
    const run = await server.call('GET', '/api/runs/run_old');
    expect(run.status).toBe(200);
    expect(await json<RunRecord>(run)).toMatchObject({ goal: 'from an older release' });
    const trace = await server.call('GET', '/api/runs/run_old/trace');
    expect(trace.status).toBe(200);
    expect((await trace.json()) as { graph: { edges: unknown[] } }).toMatchObject({ graph: { edges: older.edges } });
  });

  it("checks the run's input against the input node's schema", async () => {
    server = testServer();
    const document = agentGraph();
    const inputNode = document.nodes[0] as { data: Record<string, unknown> };
    inputNode.data.inputSchema = { type: 'object', properties: { count: { type: 'integer' } }, required: ['count'] };
    const graph = await json<GraphRecord>(await server.call('POST', '/api/graphs', { document }));
    const bad = await server.call('POST', `/api/graphs/${graph.id}/runs`, { goal: 'go', input: { count: 'many' } });
    expect(bad.status).toBe(400);
    const body = await json<ApiErrorBody>(bad);
    expect(body.error.code).toBe('invalid_input');
    expect(body.error.issues[0]!.path).toBe('$.input.count');
    expect(await server.runs.listRuns(graph.id)).toEqual([]);
    const good = await server.call('POST', `/api/graphs/${graph.id}/runs`, { goal: 'go', input: { count: 2 } });
    expect(good.status).toBe(202);
    const run = await untilEnded(server, (await json<StartRunResponse>(good)).runId);
    expect(run.input).toEqual({ count: 2 });
  });

  it('cancels a run (idempotent), and 404s unknown runs', async () => {
    server = testServer({ fake: { stepMs: 200, deltas: 20 } });
    const graph = await createGraph(server);
    const { runId } = await startRun(server, graph.id);
    const cancelled = await server.call('POST', `/api/runs/${runId}/cancel`);
    expect(cancelled.status).toBe(200);
    expect((await json<RunRecord>(cancelled)).status).toBe('cancelled');
    const again = await server.call('POST', `/api/runs/${runId}/cancel`);
    expect((await json<RunRecord>(again)).status).toBe('cancelled');
    expect((await server.call('POST', '/api/runs/nope/cancel')).status).toBe(404);
    expect((await server.call('GET', '/api/runs/nope')).status).toBe(404);
    expect((await server.call('GET', '/api/runs/nope/trace')).status).toBe(404);
  });

  it('refuses to delete a graph while one of its runs goes on', async () => {
    server = testServer({ fake: { stepMs: 100, deltas: 20 } });
    const graph = await createGraph(server);
    const { runId } = await startRun(server, graph.id);
    const refused = await server.call('DELETE', `/api/graphs/${graph.id}`);
    expect(refused.status).toBe(409);
    await server.call('POST', `/api/runs/${runId}/cancel`);
    expect((await server.call('DELETE', `/api/graphs/${graph.id}`)).status).toBe(204);
  });

  it('closes a run whose engine throws as failed, with a sealed event', async () => {
    server = testServer({ fake: { crash: true } });
    const graph = await createGraph(server);
    const { runId } = await startRun(server, graph.id);
    const run = await untilEnded(server, runId);
    expect(run.status).toBe('failed');
    expect(run.error?.code).toBe('engine_error');
    expect(run.eventCount).toBe(2);
    expect(server.logs.join('\n')).toContain('engine exploded');
  });

  it('exports the trace: the run, the graph version it ran, and every event', async () => {
    server = testServer();
    const graph = await createGraph(server);
    const { runId } = await startRun(server, graph.id);
    await untilEnded(server, runId);
    const response = await server.call('GET', `/api/runs/${runId}/trace`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toContain('attachment');
    const trace = TraceFile.parse(await response.json());
    expect(trace.format).toBe('baton.trace');
    expect(trace.version).toBe(1);
    expect(trace.run.id).toBe(runId);
    expect(trace.graph?.id).toBe(graph.id);
    expect(trace.events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });
});
