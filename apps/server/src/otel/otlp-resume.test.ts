// A run cut short by a stopped server and resumed by another: its trace is exported once, by the process that ends
// it, and an activation that started before the stop and ended after it is one span with its true (first) start.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type GraphRecord, isTerminalRunStatus, type RunEventOfType, type StartRunResponse } from '@baton/contracts';
import * as engine from '@baton/engine';
import { loadExample } from '@baton/engine/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type TestServer, testServer } from '../../test/harness';
import { type OtlpReceiver, startOtlpReceiver } from '../../test/otlp-receiver';
import { readRunLog } from '../runs/run-log';
import { waitForRun } from '../runs/wait-for-run';
import { actionSpanIdOf, traceIdOf } from './trace-ids';

let collector: OtlpReceiver | undefined;
const servers: TestServer[] = [];
let dir = '';
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close().catch(() => {});
  await collector?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const nanos = (ms: number) => String(BigInt(Math.round(ms * 1000)) * 1000n);

describe('OTLP export of a resumed run', () => {
  it('one trace, each action once, an activation across the stop with its first start', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-otel-resume-'));
    collector = await startOtlpReceiver();
    const otel = {
      tracesUrl: `${collector.url}/v1/traces`,
      headers: {},
      serviceName: 'baton',
      timeoutMs: 1000,
      captureContent: false,
    };
    const slow = engine.createSimulatedProvider({ callDelayMs: 400, tokenDelayMs: 0 });
    const first = testServer({ engine, provider: slow, dataDir: dir, idTag: 'a', otel });
    servers.push(first);
    const document = loadExample('research-and-write');
    const graph = (await (await first.call('POST', '/api/graphs', { document })).json()) as GraphRecord;
    const { runId } = (await (
      await first.call('POST', `/api/graphs/${graph.id}/runs`, { goal: 'the tides' })
    ).json()) as StartRunResponse;
    for (let i = 0; i < 200; i++) {
      const log = await readRunLog(first.runs, runId);
      if (log.filter((e) => e.type === 'action.completed').length >= 2) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    await first.close(0);
    servers.splice(0);

    const fast = engine.createSimulatedProvider({ callDelayMs: 0, tokenDelayMs: 0 });
    const second = testServer({ engine, provider: fast, dataDir: dir, idTag: 'b', otel });
    servers.push(second);
    const run = await waitForRun(second, runId, (r) => isTerminalRunStatus(r.status), 20_000);
    expect(run!.status).toBe('completed');
    await second.runExecutor.eventSinks.idle();

    const events = await readRunLog(second.runs, runId);
    const starts = events.filter((e) => e.type === 'run.started');
    expect(starts).toHaveLength(2);
    const spans = collector.spans();
    expect(collector.requests).toHaveLength(1);
    expect(new Set(spans.map((s) => s.traceId))).toEqual(new Set([traceIdOf(runId)]));
    expect(new Set(spans.map((s) => s.spanId)).size).toBe(spans.length);

    // The activations the first server left open (started, never ended before the stop); the second ran them again
    // under new ids. Each is one span: the first attempt's id and start, the second attempt's end.
    const resumedAt = starts[1]!.at;
    const endedIds = new Set(
      events.filter((e) => e.type === 'action.completed' || e.type === 'action.failed').map((e) => e.actionId),
    );
    const across = events.filter(
      (e): e is RunEventOfType<'action.started'> =>
        e.type === 'action.started' && e.actionType === 'node' && e.at < resumedAt && !endedIds.has(e.actionId),
    );
    expect(across.length).toBeGreaterThan(0);
    for (const started of across) {
      const span = spans.find((s) => s.spanId === actionSpanIdOf(runId, started.actionId))!;
      expect(span.startTimeUnixNano).toBe(nanos(started.at));
      expect(BigInt(span.endTimeUnixNano)).toBeGreaterThan(BigInt(nanos(resumedAt)));
      expect(span.status.code ?? 0).not.toBe(2); // not an error: the second attempt finished it
    }
    const agents = spans.filter((s) => s.name.startsWith('invoke_agent ')).map((s) => s.name);
    expect(new Set(agents).size).toBe(agents.length);
  });
});
