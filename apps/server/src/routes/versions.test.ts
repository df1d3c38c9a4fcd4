import type { ApiErrorBody, GraphRecord, GraphVersionRecord, GraphVersionSummary } from '@baton/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { agentGraph } from '../../test/documents';
import { type TestServer, testServer } from '../../test/harness';

let server: TestServer;
afterEach(async () => server?.close());

const json = async <T>(response: Response) => (await response.json()) as T;

describe('version routes', () => {
  it('saves immutable versions, lists them newest first, reads and restores one', async () => {
    server = testServer();
    const graph = await json<GraphRecord>(await server.call('POST', '/api/graphs', { document: agentGraph() }));
    const saved = await server.call('POST', `/api/graphs/${graph.id}/versions`, { label: 'first' });
    expect(saved.status).toBe(201);
    expect(await json<GraphVersionSummary>(saved)).toMatchObject({
      graphId: graph.id,
      version: 1,
      label: 'first',
      reason: 'saved',
    });

    await server.call('PUT', `/api/graphs/${graph.id}/draft`, {
      document: { ...graph.draft, description: 'second draft' },
      baseRevision: 0,
    });
    // An empty body is fine: the label is optional.
    const second = await json<GraphVersionSummary>(await server.call('POST', `/api/graphs/${graph.id}/versions`));
    expect(second).toMatchObject({ version: 2, label: 'Version 2' });

    const list = await json<{ items: GraphVersionSummary[] }>(
      await server.call('GET', `/api/graphs/${graph.id}/versions`),
    );
    expect(list.items.map((v) => v.version)).toEqual([2, 1]);

    const v1 = await json<GraphVersionRecord>(await server.call('GET', `/api/graphs/${graph.id}/versions/1`));
    expect(v1.document.description).toBe(graph.draft.description);

    const restored = await server.call('POST', `/api/graphs/${graph.id}/versions/1/restore`);
    expect(restored.status).toBe(200);
    const record = await json<GraphRecord>(restored);
    expect(record.draft.description).toBe(graph.draft.description);
    expect(record.draftRevision).toBe(2);
    expect(record.latestVersion).toBe(2);
  });

  it('answers unknown graphs and versions with 404 and bad bodies with 400, storing nothing', async () => {
    server = testServer();
    const graph = await json<GraphRecord>(await server.call('POST', '/api/graphs', { name: 'g' }));
    expect((await server.call('POST', '/api/graphs/nope/versions', {})).status).toBe(404);
    expect((await server.call('GET', '/api/graphs/nope/versions')).status).toBe(404);
    expect((await server.call('GET', `/api/graphs/${graph.id}/versions/1`)).status).toBe(404);
    expect((await server.call('GET', `/api/graphs/${graph.id}/versions/zero`)).status).toBe(404);
    expect((await server.call('GET', '/api/graphs/nope/versions/1')).status).toBe(404);
    expect((await server.call('POST', `/api/graphs/${graph.id}/versions/3/restore`)).status).toBe(404);
    const badLabel = await server.call('POST', `/api/graphs/${graph.id}/versions`, { label: 7 });
    expect(badLabel.status).toBe(400);
    expect((await json<ApiErrorBody>(badLabel)).error.issues[0]!.path).toBe('$.label');
    const badType = await server.call('POST', `/api/graphs/${graph.id}/versions`, 'label', {
      'content-type': 'text/plain',
    });
    expect(badType.status).toBe(415);
    expect(await server.graphs.listVersions(graph.id)).toEqual([]);
  });
});
