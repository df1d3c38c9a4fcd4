// The event stream over a real port, with the real engine calling a fake OpenAI-compatible server over HTTP.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GraphRecord, RunEvent, StartRunResponse } from '@baton/contracts';
import * as engine from '@baton/engine';
import { type FakeOpenAIServer, startFakeOpenAIServer } from '@baton/engine/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type TestServer, testServer } from '../../test/harness';
import { listen } from '../../test/listen';
import { readSse } from '../../test/sse';

const example = JSON.parse(
  fs.readFileSync(
    path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../examples/research-and-write.json'),
    'utf8',
  ),
) as unknown;

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(): Promise<{ server: TestServer; fake: FakeOpenAIServer; url: string }> {
  // Every model reply waits at the gate until the test lets it through: the run is mid-way for as long as needed.
  const fake = await startFakeOpenAIServer({ holdAll: true });
  cleanups.push(() => fake.close());
  const provider = engine.createOpenAIProvider({
    apiKey: 'sk-test-key',
    baseURL: fake.baseURL,
    models: { fast: 'fake-fast', balanced: 'fake-balanced', deep: 'fake-deep' },
  });
  const server = testServer({ engine, provider });
  cleanups.push(() => server.close());
  const http = await listen(server.app);
  cleanups.push(() => http.close());
  return { server, fake, url: http.url };
}

/** Reads events until `stopAfter` arrived (then drops the connection) or the end message. */
async function watch(url: string, headers: Record<string, string> = {}, stopAfter = Number.POSITIVE_INFINITY) {
  const controller = new AbortController();
  const response = await fetch(url, { headers, signal: controller.signal });
  expect(response.status).toBe(200);
  const events: RunEvent[] = [];
  let ended = false;
  try {
    for await (const message of readSse(response)) {
      if (message.event === 'end') {
        ended = true;
        break;
      }
      const event = JSON.parse(message.data) as RunEvent;
      expect(message.id).toBe(String(event.seq));
      events.push(event);
      if (events.length >= stopAfter) {
        controller.abort();
        break;
      }
    }
  } catch (error) {
    if (!controller.signal.aborted) throw error;
  }
  return { events, ended };
}

describe('GET /api/runs/:id/events over a real port', () => {
  it('resumes with Last-Event-ID after a drop, every seq once and in order; two watchers see the same', async () => {
    const { server, fake, url } = await setup();
    const graph = (await (await server.call('POST', '/api/graphs/import', example)).json()) as GraphRecord;
    const started = await fetch(`${url}/api/graphs/${graph.id}/runs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ goal: 'Write about tide pools' }),
    });
    expect(started.status).toBe(202);
    const { runId } = (await started.json()) as StartRunResponse;
    const eventsUrl = `${url}/api/runs/${runId}/events`;

    const steady = watch(eventsUrl);
    // Let the first model call through so that a few events exist, then drop a second watcher mid-run.
    await fake.waitForHeld(1);
    fake.release(1);
    const dropped = await watch(eventsUrl, {}, 4);
    expect(dropped.ended).toBe(false);
    expect(dropped.events.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect((await server.runs.getRun(runId))?.status).toBe('running');

    // Keep letting model replies through while the dropped watcher reconnects from where it was.
    fake.setHoldAll(false);
    fake.release();
    const resumed = await watch(eventsUrl, { 'Last-Event-ID': String(dropped.events.at(-1)!.seq) });
    const all = await steady;

    expect(resumed.ended).toBe(true);
    expect(all.ended).toBe(true);
    const seqs = [...dropped.events, ...resumed.events].map((e) => e.seq);
    const run = await server.runs.getRun(runId);
    expect(run?.status).toBe('completed');
    expect(seqs).toEqual(Array.from({ length: run!.eventCount }, (_, i) => i + 1));
    expect([...dropped.events, ...resumed.events]).toEqual(all.events);
    expect(fake.requests.length).toBeGreaterThan(3);
    expect(engine.verifyRunLog(all.events, { lastHash: run!.lastHash, count: run!.eventCount })).toEqual({ ok: true });
  }, 30_000);
});
