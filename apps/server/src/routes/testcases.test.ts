// Test case routes against the real engine, a real SQLite file and the openai provider against the fake server:
// a finished run becomes a case, saving it makes no graph version, and running it against the draft is offline.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type {
  ApiErrorBody,
  GraphRecord,
  GraphVersionSummary,
  StartRunResponse,
  TestCase,
  TestCaseRecord,
  TestCaseResult,
  TestCaseSummary,
} from '@baton/contracts';
import * as engine from '@baton/engine';
import { type FakeOpenAIServer, loadExample, startFakeOpenAIServer } from '@baton/engine/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type TestServer, testServer } from '../../test/harness';
import { waitForRun } from '../runs/wait-for-run';

let server: TestServer;
let fake: FakeOpenAIServer;
let dir: string;
beforeEach(async () => {
  fake = await startFakeOpenAIServer();
  dir = mkdtempSync(join(tmpdir(), 'baton-cases-'));
  const provider = engine.createOpenAIProvider({
    apiKey: 'sk-test',
    baseURL: fake.baseURL,
    models: { fast: 'fake-fast', balanced: 'fake-balanced', deep: 'fake-deep' },
  });
  server = testServer({ engine, provider, dataDir: dir });
});
afterEach(async () => {
  await server.close();
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

const json = async <T>(response: Response) => (await response.json()) as T;

async function finishedRun(): Promise<{ graph: GraphRecord; runId: string }> {
  const graph = await json<GraphRecord>(await server.call('POST', '/api/graphs/import', loadExample('peer-review')));
  const started = await json<StartRunResponse>(
    await server.call('POST', `/api/graphs/${graph.id}/runs`, { goal: 'A short essay on relay batons' }),
  );
  const run = await waitForRun(server, started.runId, (r) => r.status === 'completed', 10_000);
  expect(run?.status).toBe('completed');
  return { graph: await json<GraphRecord>(await server.call('GET', `/api/graphs/${graph.id}`)), runId: started.runId };
}

describe('test case routes', () => {
  it('drafts a case from a run, saves it without a graph version, runs it offline, and sees a change diverge', async () => {
    const { graph, runId } = await finishedRun();
    const draft = await json<TestCase>(await server.call('GET', `/api/runs/${runId}/testcase?name=relays`));
    expect(draft).toMatchObject({ format: 'baton.testcase', name: 'relays', recordedRunId: runId });
    expect(draft.assertions).toMatchObject({ status: 'completed', noEscalation: true });
    const versionsBefore = await json<{ items: GraphVersionSummary[] }>(
      await server.call('GET', `/api/graphs/${graph.id}/versions`),
    );

    const saved = await server.call('POST', `/api/graphs/${graph.id}/tests`, draft);
    expect(saved.status).toBe(201);
    const record = await json<TestCaseRecord>(saved);
    const after = await json<GraphRecord>(await server.call('GET', `/api/graphs/${graph.id}`));
    expect(after.draftRevision).toBe(graph.draftRevision);
    expect(await json(await server.call('GET', `/api/graphs/${graph.id}/versions`))).toEqual(versionsBefore);
    const list = await json<{ items: TestCaseSummary[] }>(await server.call('GET', `/api/graphs/${graph.id}/tests`));
    expect(list.items).toEqual([expect.objectContaining({ id: record.id, name: 'relays', recordedRunId: runId })]);

    const before = fake.requests.length;
    const passed = await json<TestCaseResult>(
      await server.call('POST', `/api/graphs/${graph.id}/tests/${record.id}/run`),
    );
    expect(passed.verdict).toBe('passed');
    expect(fake.requests.length - before).toBe(0);

    // The editor changes the writer's instructions (autosave updates the draft in place).
    const changed = structuredClone(after.draft);
    const writer = changed.nodes.find((n) => n.id === 'writer')!;
    (writer.data as { instructions: string }).instructions = 'Write only limericks.';
    const put = await server.call('PUT', `/api/graphs/${graph.id}/draft`, {
      document: changed,
      baseRevision: after.draftRevision,
    });
    expect(put.status).toBe(200);
    const diverged = await json<TestCaseResult>(
      await server.call('POST', `/api/graphs/${graph.id}/tests/${record.id}/run`, { live: false }),
    );
    expect(diverged.verdict).toBe('diverged');
    expect(diverged.steps[0]).toMatchObject({ stepKey: 'writer/call', status: 'diverged' });
    expect(diverged.steps.slice(1).every((s) => s.status === 'not_reached')).toBe(true);
    expect(fake.requests.length - before).toBe(0);

    const exported = await server.call('GET', `/api/graphs/${graph.id}/tests/${record.id}/export`);
    expect(exported.headers.get('content-disposition')).toBe('attachment; filename="peer-review.relays.testcase.json"');
    expect(((await exported.json()) as TestCase).steps).toEqual(draft.steps);

    expect((await server.call('DELETE', `/api/graphs/${graph.id}/tests/${record.id}`)).status).toBe(204);
    expect((await server.call('GET', `/api/graphs/${graph.id}/tests/${record.id}`)).status).toBe(404);
  });

  it('refuses a bad case with its JSON path, a taken name with 409, and writes nothing', async () => {
    const { graph, runId } = await finishedRun();
    const draft = await json<TestCase>(await server.call('GET', `/api/runs/${runId}/testcase`));
    const broken = { ...draft, steps: [{ ...draft.steps[0], inputHash: 7 }] };
    const refused = await server.call('POST', `/api/graphs/${graph.id}/tests`, broken);
    expect(refused.status).toBe(400);
    expect((await json<ApiErrorBody>(refused)).error.issues).toEqual([
      expect.objectContaining({ path: '$.steps[0].inputHash' }),
    ]);
    expect((await server.call('POST', `/api/graphs/${graph.id}/tests`, draft)).status).toBe(201);
    const again = await server.call('POST', `/api/graphs/${graph.id}/tests`, draft);
    expect(again.status).toBe(409);
    expect((await json<ApiErrorBody>(again)).error.code).toBe('test_case_name_taken');
    const list = await json<{ items: TestCaseSummary[] }>(await server.call('GET', `/api/graphs/${graph.id}/tests`));
    expect(list.items).toHaveLength(1);
    expect((await server.call('GET', '/api/graphs/nope/tests')).status).toBe(404);
    expect((await server.call('GET', '/api/runs/nope/testcase')).status).toBe(404);
  });
});
