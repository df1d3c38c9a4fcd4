// The sinks on a real run (real engine, simulated provider): a sink sees exactly the stored log, after each commit,
// and a sink that hangs or fails changes nothing in the run or what is stored.
import { type GraphRecord, isTerminalRunStatus, type RunEvent, type StartRunResponse } from '@baton/contracts';
import * as engine from '@baton/engine';
import { afterEach, describe, expect, it } from 'vitest';
import { agentGraph, findingsContract } from '../../test/documents';
import { type TestServer, testServer } from '../../test/harness';
import type { EventSink } from './event-sinks';
import { readRunLog } from './run-log';
import { waitForRun } from './wait-for-run';

const servers: TestServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close().catch(() => {});
});

function open(sinks: EventSink[]): TestServer {
  const provider = engine.createSimulatedProvider({ callDelayMs: 0, tokenDelayMs: 0, confidence: 0.9 });
  const server = testServer({ engine, provider, sinks, sinkQueue: { backoffMs: 5, maxAttempts: 2 } });
  servers.push(server);
  return server;
}

async function run(server: TestServer): Promise<{ runId: string; events: RunEvent[] }> {
  const document = agentGraph('g', findingsContract);
  const graph = (await (await server.call('POST', '/api/graphs', { document })).json()) as GraphRecord;
  const started = await server.call('POST', `/api/graphs/${graph.id}/runs`, { goal: 'the tides' });
  const { runId } = (await started.json()) as StartRunResponse;
  await waitForRun(server, runId, (r) => isTerminalRunStatus(r.status), 10_000);
  return { runId, events: await readRunLog(server.runs, runId) };
}

/** The stored log without what differs between two runs of the same graph (ids, times, hashes). */
const shape = (events: RunEvent[]) => events.map((e) => `${e.seq} ${e.type}`);

describe('event sinks on a run', () => {
  it('a sink receives every stored event, in order, and only once it is stored', async () => {
    let server: TestServer | undefined;
    const got: RunEvent[] = [];
    const unstored: number[] = [];
    const sink: EventSink = {
      name: 'check',
      async write(events) {
        for (const event of events) {
          const stored = await server!.runs.readEvents(event.runId, event.seq - 1, 1);
          if (stored[0]?.digest !== event.digest) unstored.push(event.seq);
          got.push(event);
        }
      },
    };
    server = open([sink]);
    const { events } = await run(server);
    await server.runExecutor.eventSinks.idle();
    expect(got).toEqual(events);
    expect(unstored).toEqual([]);
  });

  it('a sink that hangs, and one that always fails, change nothing in the run or its stored events', async () => {
    const baseline = await run(open([]));
    const hang: EventSink = { name: 'hang', write: () => new Promise(() => {}) };
    const fail: EventSink = { name: 'fail', write: async () => Promise.reject(new Error('down')) };
    const server = open([hang, fail]);
    const withSinks = await run(server);
    expect((await server.runs.getRun(withSinks.runId))?.status).toBe('completed');
    expect(shape(withSinks.events)).toEqual(shape(baseline.events));
    const run1 = await server.runs.getRun(withSinks.runId);
    expect(engine.verifyRunLog(withSinks.events, { lastHash: run1!.lastHash, count: run1!.eventCount })).toEqual({
      ok: true,
    });
  });
});

describe('event sinks and the run service', () => {
  it('a run cancelled while no process holds it reaches the sinks too', async () => {
    const got: RunEvent[] = [];
    const sink: EventSink = { name: 'check', write: async (events) => void got.push(...events) };
    const server = testServer({ engine, sinks: [sink], execute: false });
    servers.push(server);
    const document = agentGraph('g', findingsContract);
    const graph = (await (await server.call('POST', '/api/graphs', { document })).json()) as GraphRecord;
    const { runId } = (await (
      await server.call('POST', `/api/graphs/${graph.id}/runs`, { goal: 'the tides' })
    ).json()) as StartRunResponse;
    expect((await server.call('POST', `/api/runs/${runId}/cancel`)).status).toBe(200);
    await server.runExecutor.eventSinks.idle();
    expect(got.map((e) => e.type)).toEqual((await readRunLog(server.runs, runId)).map((e) => e.type));
    expect(got.at(-1)?.type).toBe('run.cancelled');
  });
});
