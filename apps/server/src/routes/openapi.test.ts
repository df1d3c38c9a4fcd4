// The OpenAPI document against the real app: every mounted route is described, and real answers of a run validate.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EVENT_DATA_SCHEMA_KEY, type GraphRecord, openApiPath, type StartRunResponse } from '@baton/contracts';
import * as engine from '@baton/engine';
import Ajv2020 from 'ajv/dist/2020';
import { afterEach, describe, expect, it } from 'vitest';
import { type TestServer, testServer } from '../../test/harness';
import { collectSse } from '../../test/sse';
import { waitForRun } from '../runs/wait-for-run';

// biome-ignore lint/suspicious/noExplicitAny: the document is walked as plain JSON
type Json = Record<string, any>;

const example = JSON.parse(
  fs.readFileSync(
    path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../examples/research-and-write.json'),
    'utf8',
  ),
) as unknown;

let server: TestServer;
afterEach(async () => server?.close());

async function fetchDocument(s: TestServer): Promise<Json> {
  const response = await s.call('GET', '/api/openapi.json');
  expect(response.status).toBe(200);
  const document = (await response.json()) as Json;
  expect(document.openapi).toBe('3.1.1');
  return document;
}

/** Validates a value against the schema at a JSON pointer of the document, with its `$ref`s resolved inside it. */
function validator(document: Json) {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
  ajv.addSchema({ ...document, $id: 'baton-openapi' });
  return (pointer: string, value: unknown) => {
    const validate = ajv.getSchema(`baton-openapi#${pointer}`);
    if (!validate) throw new Error(`No schema at ${pointer}`);
    expect(validate(value), `${pointer}: ${JSON.stringify(validate.errors?.slice(0, 5))}`).toBe(true);
  };
}

const pointerSegment = (segment: string) => segment.replaceAll('~', '~0').replaceAll('/', '~1');
const answerPointer = (route: string, method: string, status: number, type = 'application/json') =>
  `/paths/${pointerSegment(route)}/${method}/responses/${status}/content/${pointerSegment(type)}/schema`;

describe('GET /api/openapi.json', () => {
  it('describes exactly the routes the server mounts', async () => {
    server = testServer();
    const document = await fetchDocument(server);
    const mounted = server.app.routes
      .filter((route) => route.method !== 'ALL' && route.path.startsWith('/api/'))
      .map((route) => `${route.method.toLowerCase()} ${openApiPath(route.path)}`);
    const described = Object.entries(document.paths as Json).flatMap(([p, operations]) =>
      Object.keys(operations).map((method) => `${method} ${p}`),
    );
    expect(mounted.length).toBeGreaterThan(20);
    expect([...new Set(mounted)].sort()).toEqual([...described].sort());
  });

  it('validates real answers of a run: start, record, the events page, the trace, and an error', async () => {
    server = testServer({ engine, provider: engine.createSimulatedProvider({ callDelayMs: 0, tokenDelayMs: 0 }) });
    const check = validator(await fetchDocument(server));
    const imported = await server.call('POST', '/api/graphs/import', example);
    const graph = (await imported.json()) as GraphRecord;
    check(answerPointer('/api/graphs/import', 'post', 201), graph);

    const started = await server.call('POST', `/api/graphs/${graph.id}/runs`, { goal: 'Tide pools' });
    expect(started.status).toBe(202);
    const start = (await started.json()) as StartRunResponse;
    check(answerPointer('/api/graphs/{id}/runs', 'post', 202), start);
    const { runId } = start;
    await waitForRun(server, runId, (r) => r.status === 'completed', 10_000);

    check(answerPointer('/api/runs/{id}', 'get', 200), await (await server.call('GET', `/api/runs/${runId}`)).json());
    const messages = await collectSse(await server.call('GET', `/api/runs/${runId}/events`));
    const events = messages.filter((m) => m.event === 'message');
    expect(events.length).toBeGreaterThan(10);
    const dataPointer = `/paths/${pointerSegment('/api/runs/{id}/events')}/get/responses/200/content/${pointerSegment('text/event-stream')}/${EVENT_DATA_SCHEMA_KEY}`;
    for (const message of events) check(dataPointer, JSON.parse(message.data));
    check(
      answerPointer('/api/runs/{id}/trace', 'get', 200),
      await (await server.call('GET', `/api/runs/${runId}/trace`)).json(),
    );

    const missing = await server.call('GET', '/api/runs/nope');
    expect(missing.status).toBe(404);
    check('/components/schemas/ApiErrorBody', await missing.json());
  });

  it('refuses what the schemas refuse: a trace answer without its format does not validate', async () => {
    server = testServer();
    const check = validator(await fetchDocument(server));
    expect(() =>
      check(answerPointer('/api/runs/{id}/trace', 'get', 200), { run: {}, graph: null, events: [] }),
    ).toThrow();
  });
});
