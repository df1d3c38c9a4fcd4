import type { ApiErrorBody, GraphRecord, GraphSummary } from '@baton/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { agentGraph } from '../../test/documents';
import { type TestServer, testServer } from '../../test/harness';

let server: TestServer;
afterEach(async () => server?.close());

async function json<T>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

async function graphCount(s: TestServer): Promise<number> {
  return (await s.graphs.listGraphs()).length;
}

describe('graph routes', () => {
  it('creates a starter graph from a name, lists it and gets it', async () => {
    server = testServer();
    const created = await server.call('POST', '/api/graphs', { name: 'My flow' });
    expect(created.status).toBe(201);
    const record = await json<GraphRecord>(created);
    expect(record.draft.name).toBe('My flow');
    expect(record.draft.id).toBe(record.id);
    expect(record.draft.nodes.map((n) => n.kind)).toEqual(['input', 'output']);
    expect(record.draftRevision).toBe(0);

    const list = await json<{ items: GraphSummary[] }>(await server.call('GET', '/api/graphs'));
    expect(list.items.map((g) => g.name)).toEqual(['My flow']);
    expect(list.items[0]!.lastRun).toBeNull();

    const got = await server.call('GET', `/api/graphs/${record.id}`);
    expect(got.status).toBe(200);
    expect(await json<GraphRecord>(got)).toEqual(record);
  });

  it('creates from a document, under a new id', async () => {
    server = testServer();
    const response = await server.call('POST', '/api/graphs', { document: agentGraph('keep-me-not') });
    expect(response.status).toBe(201);
    const record = await json<GraphRecord>(response);
    expect(record.id).not.toBe('keep-me-not');
    expect(record.draft.id).toBe(record.id);
    expect(record.draft.nodes).toHaveLength(3);
  });

  it('refuses bad create bodies with issues and stores nothing', async () => {
    server = testServer();
    const cases: [unknown, number, string][] = [
      [{ name: '' }, 400, '$.name'],
      [{ name: 'x', extra: 1 }, 400, '$'],
      [{ document: { ...agentGraph(), nodes: 'no' } }, 400, '$.document.nodes'],
      [{ document: { format: 'other' } }, 400, '$.document.format'],
      [[1, 2], 400, '$'],
    ];
    for (const [body, status, path] of cases) {
      const response = await server.call('POST', '/api/graphs', body);
      expect(response.status, JSON.stringify(body)).toBe(status);
      const error = await json<ApiErrorBody>(response);
      expect(
        error.error.issues.map((i) => i.path),
        JSON.stringify(body),
      ).toContain(path);
    }
    const notJson = await server.call('POST', '/api/graphs', '{nope');
    expect(notJson.status).toBe(400);
    expect((await json<ApiErrorBody>(notJson)).error.code).toBe('invalid_json');
    const notJsonType = await server.call('POST', '/api/graphs', 'name=x', { 'content-type': 'text/plain' });
    expect(notJsonType.status).toBe(415);
    expect((await json<ApiErrorBody>(notJsonType)).error.code).toBe('unsupported_media_type');
    expect(await graphCount(server)).toBe(0);
  });

  it('refuses a body over the limit with 413 and stores nothing', async () => {
    server = testServer();
    const huge = { name: 'big', description: 'x'.repeat(7 * 1024 * 1024) };
    const response = await server.call('POST', '/api/graphs', huge);
    expect(response.status).toBe(413);
    expect((await json<ApiErrorBody>(response)).error.code).toBe('payload_too_large');
    expect(await graphCount(server)).toBe(0);
  });

  it('imports a document as a new graph every time, and refuses a bad one with every issue', async () => {
    server = testServer();
    const first = await json<GraphRecord>(await server.call('POST', '/api/graphs/import', agentGraph('same')));
    const second = await json<GraphRecord>(await server.call('POST', '/api/graphs/import', agentGraph('same')));
    expect(first.id).not.toBe(second.id);
    expect(await graphCount(server)).toBe(2);
    // Two rows named alike could not be told apart: the second import gets the next free name.
    expect([first.draft.name, second.draft.name]).toEqual(['Test graph', 'Test graph (2)']);
    const listed = await json<{ items: GraphSummary[] }>(await server.call('GET', '/api/graphs'));
    expect(listed.items.map((g) => g.name).sort()).toEqual(['Test graph', 'Test graph (2)']);

    const broken = agentGraph();
    (broken.nodes[1] as { data: { name: string } }).data.name = 'Not A Slug';
    (broken.edges[0] as { kind: string }).kind = 'teleport';
    const response = await server.call('POST', '/api/graphs/import', broken);
    expect(response.status).toBe(400);
    const error = await json<ApiErrorBody>(response);
    expect(error.error.code).toBe('invalid_graph');
    expect(error.error.issues.map((i) => i.path)).toEqual(
      expect.arrayContaining(['$.nodes[1].data.name', '$.edges[0].kind']),
    );
    // Import checks the graph's rules too, every problem at once.
    const ruleBroken = agentGraph();
    ruleBroken.nodes = ruleBroken.nodes.filter((n) => n.kind !== 'output');
    ruleBroken.edges = [{ id: 'e1', kind: 'handoff', source: 'in', target: 'ghost' }];
    const rules = await server.call('POST', '/api/graphs/import', ruleBroken);
    expect(rules.status).toBe(400);
    const ruleCodes = (await json<ApiErrorBody>(rules)).error.issues.map((i) => i.code);
    expect(ruleCodes).toEqual(expect.arrayContaining(['output_missing', 'dangling_edge']));
    // A graph with an agent wired to nothing is refused on import, with the path of the node.
    const disconnected = agentGraph();
    disconnected.edges = [{ id: 'e0', kind: 'handoff', source: 'in', target: 'out' }];
    const lonely = await server.call('POST', '/api/graphs/import', disconnected);
    expect(lonely.status).toBe(400);
    expect((await json<ApiErrorBody>(lonely)).error.issues).toEqual([
      {
        code: 'disconnected',
        path: '$.nodes[1]',
        message:
          'The specialist "writer" is not connected to the run: nothing leads to it from the input "input", and it leads to no output. Connect it between them, or remove it.',
      },
    ]);
    const future = await server.call('POST', '/api/graphs/import', { ...agentGraph(), version: 99 });
    expect(future.status).toBe(400);
    expect((await json<ApiErrorBody>(future)).error.issues[0]!.path).toBe('$.version');
    expect(await graphCount(server)).toBe(2);
  });

  it('updates the draft with the base revision, and answers a stale one with 409 changing nothing', async () => {
    server = testServer();
    const record = await json<GraphRecord>(await server.call('POST', '/api/graphs', { document: agentGraph() }));
    const edited = { ...record.draft, description: 'edited' };
    const ok = await server.call('PUT', `/api/graphs/${record.id}/draft`, { document: edited, baseRevision: 0 });
    expect(ok.status).toBe(200);
    const updated = await json<GraphRecord>(ok);
    expect(updated.draftRevision).toBe(1);
    expect(updated.draft.description).toBe('edited');

    const stale = await server.call('PUT', `/api/graphs/${record.id}/draft`, {
      document: { ...record.draft, description: 'lost' },
      baseRevision: 0,
    });
    expect(stale.status).toBe(409);
    expect((await json<ApiErrorBody>(stale)).error.code).toBe('stale_draft');

    const bad = await server.call('PUT', `/api/graphs/${record.id}/draft`, {
      document: { ...record.draft, nodes: [{ id: 'x' }] },
      baseRevision: 1,
    });
    expect(bad.status).toBe(400);
    expect((await json<ApiErrorBody>(bad)).error.issues[0]!.path).toMatch(/^\$\.document\.nodes\[0\]/);
    const noRevision = await server.call('PUT', `/api/graphs/${record.id}/draft`, { document: record.draft });
    expect(noRevision.status).toBe(400);

    const missing = await server.call('PUT', '/api/graphs/nope/draft', { document: record.draft, baseRevision: 0 });
    expect(missing.status).toBe(404);

    const now = await server.graphs.getGraph(record.id);
    expect(now?.draftRevision).toBe(1);
    expect(now?.draft.description).toBe('edited');
  });

  it('accepts a draft that breaks graph rules (a draft may), as long as the shape holds', async () => {
    server = testServer();
    const record = await json<GraphRecord>(await server.call('POST', '/api/graphs', { document: agentGraph() }));
    const noOutput = { ...record.draft, nodes: record.draft.nodes.filter((n) => n.kind !== 'output') };
    const response = await server.call('PUT', `/api/graphs/${record.id}/draft`, {
      document: noOutput,
      baseRevision: 0,
    });
    expect(response.status).toBe(200);
  });

  it('renames, duplicates and deletes', async () => {
    server = testServer();
    const record = await json<GraphRecord>(await server.call('POST', '/api/graphs', { name: 'A' }));
    const renamed = await server.call('PATCH', `/api/graphs/${record.id}`, { name: 'B', description: 'bee' });
    expect(renamed.status).toBe(200);
    expect((await json<GraphRecord>(renamed)).draft).toMatchObject({ name: 'B', description: 'bee' });
    expect((await server.call('PATCH', `/api/graphs/${record.id}`, { name: '' })).status).toBe(400);
    expect((await server.call('PATCH', '/api/graphs/nope', { name: 'C' })).status).toBe(404);

    const copy = await server.call('POST', `/api/graphs/${record.id}/duplicate`);
    expect(copy.status).toBe(201);
    const copied = await json<GraphRecord>(copy);
    expect(copied.id).not.toBe(record.id);
    expect(copied.draft.name).toBe('B (copy)');
    const again = await json<GraphRecord>(await server.call('POST', `/api/graphs/${record.id}/duplicate`));
    expect(again.draft.name).toBe('B (copy) (2)');
    expect((await server.call('POST', '/api/graphs/nope/duplicate')).status).toBe(404);

    expect((await server.call('DELETE', `/api/graphs/${record.id}`)).status).toBe(204);
    expect((await server.call('GET', `/api/graphs/${record.id}`)).status).toBe(404);
    expect((await server.call('DELETE', `/api/graphs/${record.id}`)).status).toBe(404);
    expect(await graphCount(server)).toBe(2);
  });

  it('exports the draft or a version as pretty JSON in the format key order, as an attachment', async () => {
    server = testServer();
    const record = await json<GraphRecord>(await server.call('POST', '/api/graphs', { document: agentGraph() }));
    const response = await server.call('GET', `/api/graphs/${record.id}/export`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="test-graph.baton.json"');
    const text = await response.text();
    expect(text).toContain('\n  "format": "baton.graph",\n  "version": 2,\n  "id"');
    expect(Object.keys(JSON.parse(text))).toEqual(['format', 'version', 'id', 'name', 'description', 'nodes', 'edges']);

    const reimported = await server.call('POST', '/api/graphs/import', JSON.parse(text));
    expect(reimported.status).toBe(201);

    expect((await server.call('GET', `/api/graphs/${record.id}/export?version=1`)).status).toBe(404);
    expect((await server.call('GET', `/api/graphs/${record.id}/export?version=abc`)).status).toBe(400);
    expect((await server.call('GET', '/api/graphs/nope/export')).status).toBe(404);
    await server.call('POST', `/api/graphs/${record.id}/versions`, { label: 'first' });
    const v1 = await server.call('GET', `/api/graphs/${record.id}/export?version=1`);
    expect(v1.headers.get('content-disposition')).toBe('attachment; filename="test-graph-v1.baton.json"');
  });

  it('serves the price table of the configuration, in USD per 1M tokens', async () => {
    server = testServer({ prices: { 'gpt-4.1-mini': { input: 0.4, output: 1.6 } } });
    const response = await server.call('GET', '/api/prices');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      currency: 'USD',
      perTokens: 1_000_000,
      models: { 'gpt-4.1-mini': { input: 0.4, output: 1.6 } },
    });
  });

  it('answers unknown API routes with a JSON 404', async () => {
    server = testServer();
    const response = await server.call('GET', '/api/nothing-here');
    expect(response.status).toBe(404);
    expect((await json<ApiErrorBody>(response)).error.code).toBe('route_not_found');
  });
});
