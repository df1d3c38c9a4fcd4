// The provider key coming back from the model server itself, the hard ways: streamed in 1 to 4 character chunks
// (so that no single delta holds it), and inside a malformed stream chunk that the openai SDK prints. The real
// server runs as a child process with the real SDK against the fake OpenAI server; everything it answers, streams,
// stores and logs is searched.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { GraphRecord, RunEvent, RunRecord, StartRunResponse } from '@baton/contracts';
import { verifyRunLog } from '@baton/engine';
import {
  eventsOfType,
  type FakeOpenAIServer,
  type RecordedRequest,
  startFakeOpenAIServer,
} from '@baton/engine/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type ChildServer, startChildServer } from '../test/child-server';
import { agentGraph } from '../test/documents';
import { collectSse } from '../test/sse';

const KEY = 'sk-baton-stream-canary-4b8e2d6f0a1c3e5';
const REPLY = `Here is the key ${KEY}, and again:${KEY}. A near miss: sk-baton-stream. The end, sk-ba`;

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The text in chunks of 1 to 4 characters, from a seeded generator (a failure names the split it saw). */
function chunksOf(text: string, seed: number): string[] {
  let state = seed;
  const chunks: string[] = [];
  for (let i = 0; i < text.length; ) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    const size = 1 + (state % 4);
    chunks.push(text.slice(i, i + size));
    i += size;
  }
  return chunks;
}

async function start(respond?: (request: RecordedRequest) => undefined | { chunks: string[]; chunkDelayMs: number }) {
  const fake: FakeOpenAIServer = await startFakeOpenAIServer(respond ? { respond } : {});
  cleanups.push(() => fake.close());
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-stream-leak-'));
  cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  const child: ChildServer = await startChildServer({
    BATON_DATA_DIR: dataDir,
    OPENAI_API_KEY: KEY,
    OPENAI_BASE_URL: fake.baseURL,
  });
  cleanups.push(() => child.process.kill('SIGKILL'));
  const bodies: string[] = [];
  const call = async (method: string, route: string, body?: unknown) => {
    const response = await fetch(`${child.url}${route}`, {
      method,
      ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    const text = await response.text();
    expect(response.status, `${method} ${route}: ${text}`).toBeLessThan(300);
    bodies.push(text);
    return text;
  };
  /** Runs the one-agent graph to its end, reading its events live; returns them as streamed. */
  const run = async (goal: string) => {
    const graph = JSON.parse(await call('POST', '/api/graphs', { document: agentGraph('g-stream') })) as GraphRecord;
    const { runId } = JSON.parse(await call('POST', `/api/graphs/${graph.id}/runs`, { goal })) as StartRunResponse;
    const messages = await collectSse(await fetch(`${child.url}/api/runs/${runId}/events`));
    bodies.push(...messages.map((m) => m.data));
    await call('GET', '/api/graphs');
    await call('GET', `/api/graphs/${graph.id}`);
    await call('GET', `/api/graphs/${graph.id}/runs`);
    const record = JSON.parse(await call('GET', `/api/runs/${runId}`)) as RunRecord;
    const trace = JSON.parse(await call('GET', `/api/runs/${runId}/trace`)) as { events: RunEvent[] };
    const streamed = messages.filter((m) => m.event === 'message').map((m) => JSON.parse(m.data) as RunEvent);
    return { record, trace, streamed };
  };
  /** Stops the server (so that its log is complete and SQLite has written everything) and searches it all. */
  const searchEverything = async () => {
    child.process.kill('SIGTERM');
    await child.exited;
    const files = fs.readdirSync(dataDir).map((file) => path.join(dataDir, file));
    expect(files.some((file) => file.endsWith('.db'))).toBe(true);
    for (const file of files) expect(fs.readFileSync(file).includes(KEY), file).toBe(false);
    expect(child.output()).not.toContain(KEY);
    expect(bodies.join('\n')).not.toContain(KEY);
  };
  return { fake, child, call, run, searchEverything };
}

describe('a key the model server sends back', () => {
  it('streamed in 1 to 4 character chunks, appears in no event, response, trace, stream, database or log line', async () => {
    let seed = 0;
    const server = await start((request) =>
      request.body.response_format ? undefined : { chunks: chunksOf(REPLY, ++seed), chunkDelayMs: 1 },
    );
    const { record, trace, streamed } = await server.run(`Tell me about bees ${seed}`);
    expect(record.status).toBe('completed');
    // The key really went over the wire, split: the test would see a leak.
    expect(server.fake.requests.length).toBeGreaterThan(0);
    expect(chunksOf(REPLY, 1).every((chunk) => chunk.length <= 4 && !chunk.includes(KEY))).toBe(true);

    // The model call's deltas, joined as the browser joins them, are the reply scrubbed as one text: nothing of
    // the key, whole or in parts, and nothing else lost.
    const llm = eventsOfType(streamed, 'action.started').find((e) => e.actionType === 'llm_call')!;
    const deltas = eventsOfType(streamed, 'action.delta').filter((e) => e.actionId === llm.actionId);
    expect(deltas.length).toBeGreaterThan(3);
    const joined = deltas.map((e) => e.text).join('');
    expect(joined).toBe(REPLY.split(KEY).join('[redacted]'));
    expect(record.result).toBe(joined);

    // Scrubbed before sealing: the stored log verifies as it is, nothing marked redacted.
    expect(trace.events.some((e) => e.redacted)).toBe(false);
    expect(verifyRunLog(trace.events, { lastHash: record.lastHash, count: record.eventCount })).toEqual({ ok: true });
    await server.searchEverything();
  }, 60_000);

  it('in a malformed stream chunk that the openai SDK prints, leaves no key on stderr', async () => {
    const server = await start();
    const broken = `{"choices":[{"index":0,"delta":{"content":"${KEY}"}`;
    server.fake.enqueue({ chunks: ['Hello', ' there', ' you'], fault: { kind: 'malformed_body', data: broken } });
    const { record, trace } = await server.run('Say hello');
    // The engine retried the broken attempt as a new one, which the fake answered normally.
    expect(record.status).toBe('completed');
    const failed = trace.events.find((e) => e.type === 'action.failed');
    expect(failed).toMatchObject({ error: { code: 'model_malformed_response' } });
    await server.searchEverything();
    // The SDK did print the chunk, and it went through the server's scrubbing logger to stderr.
    const stderr = server.child.stderr();
    expect(stderr).toMatch(/openai: Could not parse message into JSON: .*\[redacted\]/);
    expect(stderr).not.toContain(KEY);
  }, 60_000);
});
