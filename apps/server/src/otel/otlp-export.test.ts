// The real SDK exporter sending OTLP/HTTP to a receiver this test starts: for a run of every example, one trace whose
// span tree is the action tree, GenAI names and attributes, the events' times, no content unless asked, no secret.
// And an exporter that finds nothing listening, a 500 or a hang changes nothing in the run or its stored events.
import { type GraphRecord, isTerminalRunStatus, type RunEvent, type StartRunResponse } from '@baton/contracts';
import * as engine from '@baton/engine';
import { EXAMPLE_NAMES, type ExampleName, loadExample } from '@baton/engine/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type TestServer, testServer } from '../../test/harness';
import { attributesOf, type OtlpReceiver, type OtlpRequest, startOtlpReceiver } from '../../test/otlp-receiver';
import type { OtelConfig } from '../config';
import { readRunLog } from '../runs/run-log';
import { waitForRun } from '../runs/wait-for-run';
import { actionSpanIdOf, runSpanIdOf, traceIdOf } from './trace-ids';

const SECRET = 'sk-test-0123456789abcdef';
const HEADER_SECRET = 'Bearer otlp-ingest-key-42';

const servers: TestServer[] = [];
const receivers: OtlpReceiver[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close().catch(() => {});
  for (const receiver of receivers.splice(0)) await receiver.close();
});

async function receiver(mode: 'ok' | 'fail' | 'hang' = 'ok') {
  const r = await startOtlpReceiver(mode);
  receivers.push(r);
  return r;
}

function otel(url: string, captureContent = false): OtelConfig {
  return {
    tracesUrl: `${url}/v1/traces`,
    headers: { authorization: HEADER_SECRET },
    serviceName: 'baton-test',
    timeoutMs: 1000,
    captureContent,
  };
}

function open(config: OtelConfig | undefined, callDelayMs = 0): TestServer {
  const provider = engine.createSimulatedProvider({ callDelayMs, tokenDelayMs: 0, confidence: 0.95 });
  const server = testServer({
    engine,
    provider,
    secrets: [SECRET, HEADER_SECRET],
    ...(config ? { otel: config } : {}),
    sinkQueue: { backoffMs: 20, maxAttempts: 3 },
  });
  servers.push(server);
  return server;
}

async function run(server: TestServer, example: ExampleName, goal = 'the tides') {
  const document = loadExample(example);
  const graph = (await (await server.call('POST', '/api/graphs', { document })).json()) as GraphRecord;
  const started = await server.call('POST', `/api/graphs/${graph.id}/runs`, { goal });
  const { runId } = (await started.json()) as StartRunResponse;
  const ended = await waitForRun(server, runId, (r) => isTerminalRunStatus(r.status), 20_000);
  const events = await readRunLog(server.runs, runId);
  return { runId, name: document.name, status: ended!.status, events };
}

const nanos = (ms: number) => String(BigInt(Math.round(ms * 1000)) * 1000n);

function actionTree(events: RunEvent[]): Map<string, string | null> {
  const tree = new Map<string, string | null>();
  for (const e of events)
    if ((e.type === 'action.started' || e.type === 'action.skipped') && !tree.has(e.actionId))
      tree.set(e.actionId, e.parentActionId);
  return tree;
}

describe('OTLP export', () => {
  it.each(EXAMPLE_NAMES)('%s: one trace, the action tree, GenAI names, the events’ times, no content', async (name) => {
    const collector = await receiver();
    const server = open(otel(collector.url));
    const { runId, name: graphName, events } = await run(server, name);
    await server.runExecutor.eventSinks.idle();

    expect(collector.problems).toEqual([]);
    expect(collector.requests).toHaveLength(1);
    expect(collector.requests[0]!.headers.authorization).toBe(HEADER_SECRET);
    const resource = collector.requests[0]!.parsed.resourceSpans[0]!.resource;
    expect(Object.fromEntries(resource.attributes.map((a) => [a.key, a.value.stringValue]))).toMatchObject({
      'service.name': 'baton-test',
    });
    const spans = collector.spans();
    expect(new Set(spans.map((s) => s.traceId))).toEqual(new Set([traceIdOf(runId)]));

    const root = spans.find((s) => s.spanId === runSpanIdOf(runId))!;
    expect(root.name).toBe(`invoke_workflow ${graphName}`);
    expect(root.parentSpanId ?? '').toBe('');
    expect(root.startTimeUnixNano).toBe(nanos(events[0]!.at));
    expect(root.endTimeUnixNano).toBe(nanos(events.at(-1)!.at));

    const tree = actionTree(events);
    expect(spans).toHaveLength(tree.size + 1);
    for (const [actionId, parent] of tree) {
      const span = spans.find((s) => s.spanId === actionSpanIdOf(runId, actionId))!;
      expect(span.parentSpanId).toBe(parent === null ? root.spanId : actionSpanIdOf(runId, parent));
      const started = events.find((e) => e.type === 'action.started' && e.actionId === actionId);
      const ended = events.find(
        (e) => (e.type === 'action.completed' || e.type === 'action.failed') && e.actionId === actionId,
      );
      if (started)
        expect([span.startTimeUnixNano, span.endTimeUnixNano]).toEqual([nanos(started.at), nanos(ended!.at)]);
    }
    for (const span of spans) {
      const attributes = attributesOf(span);
      expect(typeof attributes['gen_ai.operation.name']).toBe('string');
      expect(Object.keys(attributes).filter((k) => /messages|instructions/.test(k))).toEqual([]);
    }
    const chat = spans.find((s) => s.name.startsWith('chat '))!;
    const chatDone = events.find(
      (e) => e.type === 'action.completed' && actionSpanIdOf(runId, e.actionId) === chat.spanId,
    );
    const finishReason = chatDone?.type === 'action.completed' ? chatDone.finishReason : undefined;
    expect(finishReason).toBeDefined();
    expect(chat.kind).toBe(3); // SPAN_KIND_CLIENT
    expect(attributesOf(chat)).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'baton.simulated',
      'gen_ai.request.model': expect.any(String),
      'gen_ai.response.model': expect.any(String),
      'gen_ai.response.finish_reasons': [finishReason],
      'gen_ai.usage.input_tokens': expect.any(Number),
      'gen_ai.usage.output_tokens': expect.any(Number),
    });
    const agent = spans.find((s) => s.name.startsWith('invoke_agent '))!;
    expect(attributesOf(agent)).toMatchObject({
      'gen_ai.agent.name': expect.any(String),
      'gen_ai.agent.id': expect.any(String),
    });
  });

  it('content when asked, with no secret in it (nor the exporter’s header value)', async () => {
    const collector = await receiver();
    const server = open(otel(collector.url, true));
    await run(server, 'research-and-write', `the tides; my key is ${SECRET}; the header is ${HEADER_SECRET}`);
    await server.runExecutor.eventSinks.idle();
    const body = collector.requests.map((r) => r.body).join('\n');
    expect(body).toContain('gen_ai.input.messages');
    expect(body).toContain('the tides');
    expect(body).not.toContain(SECRET);
    expect(body).not.toContain(HEADER_SECRET);
  });

  it('an exporter where nothing listens, at a 500 or at a hang changes nothing in the run or its stored events', async () => {
    const shape = (events: RunEvent[]) => events.map((e) => `${e.seq} ${e.type}`);
    const wall = (events: RunEvent[]) => events.at(-1)!.at - events[0]!.at;
    const figures: Record<string, number> = {};
    const baseline = await run(open(undefined, 20), 'research-and-write');
    figures.off = wall(baseline.events);
    const ok = await receiver();
    const on = await run(open(otel(ok.url), 20), 'research-and-write');
    figures.on = wall(on.events);

    const closed = await receiver();
    const closedUrl = closed.url;
    await closed.close();
    receivers.splice(receivers.indexOf(closed), 1);
    const targets = { refused: closedUrl, status500: (await receiver('fail')).url, hang: (await receiver('hang')).url };
    for (const [mode, url] of Object.entries(targets)) {
      // A 3 s export timeout: a run that waited for the exporter would take seconds, not the ~150 ms of the others.
      const server = open({ ...otel(url), timeoutMs: 3000 }, 20);
      // Two runs one after the other: the second starts while the first's export is still failing or hanging.
      for (const attempt of [1, 2]) {
        const began = performance.now();
        const result = await run(server, 'research-and-write');
        const took = performance.now() - began;
        expect(result.status, mode).toBe('completed');
        expect(shape(result.events), mode).toEqual(shape(baseline.events));
        const record = await server.runs.getRun(result.runId);
        expect(engine.verifyRunLog(result.events, { lastHash: record!.lastHash, count: record!.eventCount })).toEqual({
          ok: true,
        });
        figures[`${mode}#${attempt}`] = wall(result.events);
        expect(took, mode).toBeLessThan(1500);
      }
    }
    // Recorded in the closing note.
    console.info(`run wall time (ms): ${JSON.stringify(figures)}`);
  });
});

describe('OTLP JSON Lines file export', () => {
  it('GET /api/runs/:id/trace.otlp.jsonl holds the spans the live export sent: same ids, times, attributes', async () => {
    const collector = await receiver();
    const server = open(otel(collector.url));
    const { runId } = await run(server, 'specialist-routing');
    await server.runExecutor.eventSinks.idle();
    const response = await server.call('GET', `/api/runs/${runId}/trace.otlp.jsonl`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    expect(response.headers.get('content-disposition')).toContain(`baton-trace-${runId}.otlp.jsonl`);
    const text = await response.text();
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    const fileSpans = lines.flatMap((line) =>
      (JSON.parse(line) as OtlpRequest).resourceSpans.flatMap((rs) => rs.scopeSpans.flatMap((s) => s.spans)),
    );
    expect(fileSpans).toEqual(collector.spans());
    expect(JSON.parse(lines[0]!)).toEqual(collector.requests[0]!.parsed);
    expect((await server.call('GET', '/api/runs/nope/trace.otlp.jsonl')).status).toBe(404);
  });
});

describe('a caller’s trace context', () => {
  const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
  const SPAN = '00f067aa0ba902b7';

  async function startWith(server: TestServer, traceparent: string) {
    const document = loadExample('peer-review');
    const graph = (await (await server.call('POST', '/api/graphs', { document })).json()) as GraphRecord;
    const started = await server.call('POST', `/api/graphs/${graph.id}/runs`, { goal: 'the tides' }, { traceparent });
    const { runId } = (await started.json()) as StartRunResponse;
    await waitForRun(server, runId, (r) => isTerminalRunStatus(r.status), 20_000);
    await server.runExecutor.eventSinks.idle();
    return runId;
  }

  it('a run started with a traceparent header is a child of the caller’s span, live and in the file', async () => {
    const collector = await receiver();
    const server = open(otel(collector.url));
    const runId = await startWith(server, `00-${TRACE}-${SPAN}-01`);
    const spans = collector.spans();
    expect(new Set(spans.map((s) => s.traceId))).toEqual(new Set([TRACE]));
    const root = spans.find((s) => s.spanId === runSpanIdOf(runId))!;
    expect(root.parentSpanId).toBe(SPAN);
    expect(await server.requests.traceParent(runId)).toBe(`00-${TRACE}-${SPAN}-01`);
    const file = await (await server.call('GET', `/api/runs/${runId}/trace.otlp.jsonl`)).text();
    expect(JSON.parse(file)).toEqual(collector.requests[0]!.parsed);
  });

  it('an invalid traceparent is ignored: the run has its own trace', async () => {
    const collector = await receiver();
    const server = open(otel(collector.url));
    const runId = await startWith(server, `00-${'0'.repeat(32)}-${SPAN}-01`);
    expect(new Set(collector.spans().map((s) => s.traceId))).toEqual(new Set([traceIdOf(runId)]));
    expect(await server.requests.traceParent(runId)).toBeNull();
  });
});
