import type { ApiErrorBody, GraphRecord, StartRunResponse, WaitingEscalation } from '@baton/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { agentGraph, findingsContract } from '../../test/documents';
import { type TestServer, testServer } from '../../test/harness';
import { waitForRun } from '../runs/wait-for-run';

let server: TestServer;
afterEach(async () => server?.close());

const json = async <T>(response: Response) => (await response.json()) as T;
const list = async () =>
  json<{ items: WaitingEscalation[] }>(await server.call('GET', '/api/escalations?status=waiting'));

describe('GET /api/escalations', () => {
  it('lists a waiting decision with the agents by name until it is decided', async () => {
    server = testServer({
      fake: { escalate: { payload: { summary: 'maybe', confidence: 0.2 }, contract: findingsContract } },
    });
    expect((await list()).items).toEqual([]);
    // The fake engine holds the handoff from node `a` to node `b`: the graph names them.
    const base = agentGraph();
    const ids: Record<string, string> = { writer: 'a', out: 'b' };
    const document = {
      ...base,
      nodes: base.nodes.map((node) => ({ ...node, id: ids[node.id] ?? node.id })),
      edges: base.edges.map((edge) => ({
        ...edge,
        source: ids[edge.source] ?? edge.source,
        target: ids[edge.target] ?? edge.target,
      })),
    };
    const graph = await json<GraphRecord>(await server.call('POST', '/api/graphs', { document }));
    const { runId } = await json<StartRunResponse>(
      await server.call('POST', `/api/graphs/${graph.id}/runs`, { goal: 'go' }),
    );
    await waitForRun(server, runId, (r) => r.status === 'waiting', 2000);

    const [waiting, ...rest] = (await list()).items;
    expect(rest).toEqual([]);
    expect(waiting).toMatchObject({ runId, graphId: graph.id, graphName: document.name, escalationId: 'esc_1' });
    expect(waiting).toMatchObject({ sourceName: 'writer', targetName: 'output' });

    await server.call('POST', `/api/runs/${runId}/escalations/esc_1`, { decision: 'approve' });
    expect((await list()).items).toEqual([]);
  });

  it('answers another status with 400 and the parameter it cannot take', async () => {
    server = testServer({});
    const response = await server.call('GET', '/api/escalations?status=decided');
    expect(response.status).toBe(400);
    expect((await json<ApiErrorBody>(response)).error.issues[0]?.path).toBe('$.status');
  });
});
