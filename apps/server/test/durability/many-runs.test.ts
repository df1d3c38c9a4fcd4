// The scene of the issue: 17 runs in flight, 6 of them waiting for a person, and `kill -9`. After the restart every
// one resumes and completes, and its log verifies over both attempts. In the full form only (BATON_DURABILITY=full).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  type GraphRecord,
  isTerminalRunStatus,
  type RunEvent,
  type RunRecord,
  type StartRunResponse,
} from '@baton/contracts';
import { verifyRunLog } from '@baton/engine';
import { afterAll, describe, expect, it } from 'vitest';
import { type ChildServer, startChildServer } from '../child-server';
import { escalatingGraph } from './graphs';

const full = process.env.BATON_DURABILITY === 'full';
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-many-'));
let server: ChildServer | undefined;
afterAll(() => {
  server?.process.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const env = { BATON_DATA_DIR: dataDir, BATON_SIM_CALL_MS: '300', BATON_SIM_TOKEN_MS: '5' };
const post = (url: string, body: unknown) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const getRun = async (runId: string) => (await (await fetch(`${server!.url}/api/runs/${runId}`)).json()) as RunRecord;
const trace = async (runId: string) =>
  ((await (await fetch(`${server!.url}/api/runs/${runId}/trace`)).json()) as { events: RunEvent[] }).events;

async function until(ready: () => Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await ready())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.runIf(full)('17 runs in flight, 6 waiting for a person, then kill -9', () => {
  it('every run resumes after the restart and completes, its log verified', async () => {
    server = await startChildServer(env);
    const imported = await post(`${server.url}/api/graphs/import`, escalatingGraph());
    const escalating = ((await imported.json()) as GraphRecord).id;
    const start = async (graphId: string) =>
      (
        (await (
          await post(`${server!.url}/api/graphs/${graphId}/runs`, { goal: 'tide pools' })
        ).json()) as StartRunResponse
      ).runId;
    const working = await Promise.all(Array.from({ length: 11 }, () => start('example-research-and-write')));
    const waiting = await Promise.all(Array.from({ length: 6 }, () => start(escalating)));
    await until(
      async () => (await Promise.all(waiting.map(getRun))).every((r) => r.status === 'waiting'),
      'six waiting',
    );
    const before = await Promise.all(working.map(getRun));
    expect(before.filter((r) => r.status === 'running')).toHaveLength(11);

    server.process.kill('SIGKILL');
    await server.exited;
    const spawnedAt = Date.now();
    server = await startChildServer(env);
    const all = [...working, ...waiting];
    let resumedAt = 0;
    await until(async () => {
      const logs = await Promise.all(all.map(trace));
      const done = logs.every((events) => events.some((e) => e.type === 'run.started' && e.at >= spawnedAt));
      if (done) resumedAt = Date.now();
      return done;
    }, 'every run to resume');
    process.stdout.write(`\n17 runs: restart to all resumed ${resumedAt - spawnedAt} ms\n`);

    for (const runId of waiting) {
      const run = await getRun(runId);
      const events = await trace(runId);
      expect(events.filter((e) => e.type === 'escalation.requested')).toHaveLength(1);
      expect(run.pendingEscalations).toHaveLength(1);
      const decided = await post(`${server.url}/api/runs/${runId}/escalations/${run.pendingEscalations[0]}`, {
        decision: 'approve',
      });
      expect(decided.status).toBe(200);
    }
    await until(
      async () => (await Promise.all(all.map(getRun))).every((r) => isTerminalRunStatus(r.status)),
      'all to end',
      120_000,
    );
    for (const runId of all) {
      const run = await getRun(runId);
      expect(run.status).toBe('completed');
      const events = await trace(runId);
      expect(verifyRunLog(events, { lastHash: run.lastHash, count: run.eventCount })).toEqual({ ok: true });
      expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    }
  }, 240_000);
});
