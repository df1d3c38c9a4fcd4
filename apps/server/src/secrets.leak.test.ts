// A recognisable provider key must appear in no response, event, export or log line, even when the model
// server echoes it back in an error (as OpenAI does for a wrong key).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { GraphSummary, RunEvent, RunRecord, StartRunResponse } from '@baton/contracts';
import { verifyRunLog } from '@baton/engine';
import { type FakeOpenAIServer, startFakeOpenAIServer } from '@baton/engine/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type ChildServer, startChildServer } from '../test/child-server';
import { collectSse } from '../test/sse';

const KEY = 'sk-baton-canary-7f3a9c1e5b2d4f6a8c0e';
const TOKEN = 'baton-token-canary-31415926';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('secrets', () => {
  it('the provider key and the token are in no response, event, export or log line', async () => {
    const fake: FakeOpenAIServer = await startFakeOpenAIServer();
    cleanups.push(() => fake.close());
    // The first model call is refused the way OpenAI refuses a bad key: the message quotes the key.
    fake.enqueue({ fault: { kind: 'status', status: 401, message: `Incorrect API key provided: ${KEY}.` } });
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-leak-'));
    cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    const child: ChildServer = await startChildServer({
      BATON_DATA_DIR: dataDir,
      OPENAI_API_KEY: KEY,
      OPENAI_BASE_URL: fake.baseURL,
      BATON_TOKEN: TOKEN,
    });
    cleanups.push(() => child.process.kill('SIGKILL'));

    const bodies: string[] = [];
    const auth = { authorization: `Bearer ${TOKEN}` };
    const get = async (route: string) => {
      const response = await fetch(`${child.url}${route}`, { headers: auth });
      const text = await response.text();
      bodies.push(text);
      return text;
    };
    const post = async (route: string, body: unknown) => {
      const response = await fetch(`${child.url}${route}`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const text = await response.text();
      bodies.push(text);
      return text;
    };

    await get('/api/health');
    const provider = JSON.parse(await get('/api/provider'));
    expect(provider).toMatchObject({ kind: 'openai', simulated: false, baseUrlHost: new URL(fake.baseURL).host });
    const graphs = JSON.parse(await get('/api/graphs')) as { items: GraphSummary[] };
    const routing = graphs.items.find((g) => g.id === 'example-specialist-routing')!;

    const runIds: string[] = [];
    for (const goal of ['Review this code for bugs', 'Review this code again']) {
      const { runId } = JSON.parse(await post(`/api/graphs/${routing.id}/runs`, { goal })) as StartRunResponse;
      runIds.push(runId);
      const stream = await fetch(`${child.url}/api/runs/${runId}/events`, { headers: auth });
      bodies.push(...(await collectSse(stream)).map((m) => m.data));
      await get(`/api/runs/${runId}`);
      await get(`/api/runs/${runId}/trace`);
    }
    await get(`/api/graphs/${routing.id}/runs`);
    await get(`/api/graphs/${routing.id}/export`);
    await get(`/api/graphs/${routing.id}/export?version=1`);
    await get('/api/nothing');

    // The key was really used and really echoed: the test would see a leak.
    expect(fake.requests[0]!.headers.authorization).toBe(`Bearer ${KEY}`);
    const [failed, completed] = await Promise.all(
      runIds.map(async (id) => JSON.parse(await get(`/api/runs/${id}`)) as RunRecord),
    );
    expect(failed!.status).toBe('failed');
    expect(failed!.error?.message).toContain('[redacted]');
    expect(completed!.status).toBe('completed');
    // The key was scrubbed before the events were sealed: nothing is marked redacted, and every digest verifies.
    const trace = JSON.parse(await get(`/api/runs/${failed!.id}/trace`)) as { events: RunEvent[] };
    expect(JSON.stringify(trace.events)).toContain('[redacted]');
    expect(trace.events.some((e) => e.redacted)).toBe(false);
    expect(verifyRunLog(trace.events, { lastHash: failed!.lastHash, count: failed!.eventCount })).toEqual({ ok: true });

    child.process.kill('SIGTERM');
    await child.exited;
    const everything = [...bodies, child.output()].join('\n');
    expect(everything.length).toBeGreaterThan(5000);
    expect(everything).not.toContain(KEY);
    expect(everything).not.toContain(TOKEN);
    // The stored database holds no copy either.
    for (const file of fs.readdirSync(dataDir)) {
      expect(fs.readFileSync(path.join(dataDir, file)).includes(KEY), file).toBe(false);
    }
  }, 60_000);
});
