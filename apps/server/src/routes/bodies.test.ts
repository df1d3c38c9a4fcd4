// Every answer of the API parses with its contracts schema: the web app types them with these, so drift shows here.
import {
  GraphRecord,
  GraphSummary,
  GraphVersionRecord,
  GraphVersionSummary,
  HealthResponse,
  Page,
  ProviderInfo,
  RunEvent,
  RunRecord,
  RunSummary,
  StartRunResponse,
} from '@baton/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { agentGraph } from '../../test/documents';
import { type TestServer, testServer } from '../../test/harness';
import { collectSse } from '../../test/sse';

let server: TestServer;
afterEach(async () => server?.close());

async function check<S extends z.ZodType>(schema: S, response: Response): Promise<z.infer<S>> {
  const body = await response.json();
  const parsed = schema.safeParse(body);
  expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
  return parsed.data as z.infer<S>;
}

describe('API answers match the contracts', () => {
  it('graphs, versions, runs, events, meta', async () => {
    server = testServer();
    await check(HealthResponse, await server.call('GET', '/api/health'));
    await check(ProviderInfo, await server.call('GET', '/api/provider'));
    const graph = await check(GraphRecord, await server.call('POST', '/api/graphs', { document: agentGraph() }));
    await check(GraphVersionSummary, await server.call('POST', `/api/graphs/${graph.id}/versions`, {}));
    await check(Page(GraphVersionSummary), await server.call('GET', `/api/graphs/${graph.id}/versions`));
    await check(GraphVersionRecord, await server.call('GET', `/api/graphs/${graph.id}/versions/1`));
    const { runId } = await check(
      StartRunResponse,
      await server.call('POST', `/api/graphs/${graph.id}/runs`, { goal: 'go' }),
    );
    const messages = await collectSse(await server.call('GET', `/api/runs/${runId}/events`));
    for (const message of messages.filter((m) => m.event === 'message')) {
      expect(RunEvent.safeParse(JSON.parse(message.data)).success, message.data).toBe(true);
    }
    await check(RunRecord, await server.call('GET', `/api/runs/${runId}`));
    await check(RunRecord, await server.call('POST', `/api/runs/${runId}/cancel`));
    await check(Page(RunSummary), await server.call('GET', `/api/graphs/${graph.id}/runs`));
    await check(Page(GraphSummary), await server.call('GET', '/api/graphs'));
  });
});
