// Trace context out: the real openai adapter, through the server, sends the fake OpenAI server a `traceparent` whose
// trace id is the run's and whose parent is the exported `chat` span of that very call.
import { type GraphRecord, isTerminalRunStatus, type StartRunResponse } from '@baton/contracts';
import * as engine from '@baton/engine';
import { type FakeOpenAIServer, loadExample, startFakeOpenAIServer } from '@baton/engine/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type TestServer, testServer } from '../../test/harness';
import { type OtlpReceiver, startOtlpReceiver } from '../../test/otlp-receiver';
import { waitForRun } from '../runs/wait-for-run';
import { traceIdOf } from './trace-ids';

let fake: FakeOpenAIServer | undefined;
let collector: OtlpReceiver | undefined;
let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  await fake?.close();
  await collector?.close();
});

async function runThroughFake(traceparent?: string) {
  fake = await startFakeOpenAIServer();
  collector = await startOtlpReceiver();
  const provider = engine.createOpenAIProvider({
    apiKey: 'sk-test-key-for-the-fake',
    baseURL: fake.baseURL,
    models: { fast: 'f', balanced: 'b', deep: 'd' },
  });
  server = testServer({
    engine,
    provider,
    otel: {
      tracesUrl: `${collector.url}/v1/traces`,
      headers: {},
      serviceName: 'baton',
      timeoutMs: 1000,
      captureContent: false,
    },
  });
  const document = loadExample('peer-review');
  const graph = (await (await server.call('POST', '/api/graphs', { document })).json()) as GraphRecord;
  const headers: Record<string, string> = traceparent ? { traceparent } : {};
  const started = await server.call('POST', `/api/graphs/${graph.id}/runs`, { goal: 'the tides' }, headers);
  const { runId } = (await started.json()) as StartRunResponse;
  const run = await waitForRun(server, runId, (r) => isTerminalRunStatus(r.status), 20_000);
  expect(run!.status).toBe('completed');
  await server.runExecutor.eventSinks.idle();
  return runId;
}

const parts = (header: unknown) => String(header).split('-');

describe('traceparent on model requests', () => {
  it('names the run’s trace and the call’s own chat span', async () => {
    const runId = await runThroughFake();
    const chats = new Map(
      collector!
        .spans()
        .filter((s) => s.name.startsWith('chat '))
        .map((s) => [s.spanId, s]),
    );
    expect(fake!.requests.length).toBeGreaterThan(0);
    expect(fake!.requests.length).toBe(chats.size);
    const parents = new Set<string>();
    for (const request of fake!.requests) {
      const [version, traceId, spanId, flags] = parts(request.headers.traceparent);
      expect([version, traceId, flags]).toEqual(['00', traceIdOf(runId), '01']);
      expect(chats.has(spanId!)).toBe(true);
      parents.add(spanId!);
    }
    expect(parents.size).toBe(fake!.requests.length); // each call its own span
  });

  it('in a run started under a caller’s trace, carries the caller’s trace id', async () => {
    const caller = '4bf92f3577b34da6a3ce929d0e0e4736';
    await runThroughFake(`00-${caller}-00f067aa0ba902b7-01`);
    for (const request of fake!.requests) expect(parts(request.headers.traceparent)[1]).toBe(caller);
  });
});
