import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RunEvent, RunRecord, StartRunResponse } from '@baton/contracts';
import { verifyRunLog } from '@baton/engine';
import { afterEach, describe, expect, it } from 'vitest';
import { type ChildServer, startChildServer } from '../test/child-server';
import { readSse } from '../test/sse';

const children: ChildServer[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.process.kill('SIGKILL');
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-main-'));
  dirs.push(dir);
  return dir;
}

async function start(env: Record<string, string>): Promise<ChildServer> {
  const child = await startChildServer(env);
  children.push(child);
  return child;
}

const post = (url: string, body: unknown) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('main.ts as a process', () => {
  it('after SIGKILL mid-run, the next start marks the run interrupted with its log intact and verifiable', async () => {
    const dataDir = tempDir();
    const env = { BATON_DATA_DIR: dataDir, BATON_SIM_CALL_MS: '150', BATON_SIM_TOKEN_MS: '20' };
    const first = await start(env);
    const started = await post(`${first.url}/api/graphs/example-research-and-write/runs`, { goal: 'tide pools' });
    expect(started.status).toBe(202);
    const { runId } = (await started.json()) as StartRunResponse;

    // Watch the stream until a dozen events arrived, then kill the process without warning.
    const seen: RunEvent[] = [];
    for await (const message of readSse(await fetch(`${first.url}/api/runs/${runId}/events`))) {
      seen.push(JSON.parse(message.data) as RunEvent);
      if (seen.length === 12) break;
    }
    first.process.kill('SIGKILL');
    await first.exited;

    const second = await start(env);
    const run = (await (await fetch(`${second.url}/api/runs/${runId}`)).json()) as RunRecord;
    expect(run.status).toBe('interrupted');
    expect(run.error?.code).toBe('run_interrupted');
    const trace = (await (await fetch(`${second.url}/api/runs/${runId}/trace`)).json()) as { events: RunEvent[] };
    expect(trace.events.length).toBe(run.eventCount);
    expect(trace.events.slice(0, seen.length)).toEqual(seen);
    expect(trace.events.at(-1)?.type).toBe('run.interrupted');
    expect(verifyRunLog(trace.events, { lastHash: run.lastHash, count: run.eventCount })).toEqual({ ok: true });
    expect(second.output()).toContain('marked 1 unfinished run(s) interrupted');
  }, 60_000);

  it('on SIGTERM, a run going on ends interrupted, sealed by the stopping process', async () => {
    const dataDir = tempDir();
    const env = { BATON_DATA_DIR: dataDir, BATON_SIM_CALL_MS: '300', BATON_SIM_TOKEN_MS: '20' };
    const first = await start(env);
    const started = await post(`${first.url}/api/graphs/example-peer-review/runs`, { goal: 'a haiku' });
    const { runId } = (await started.json()) as StartRunResponse;
    for await (const _message of readSse(await fetch(`${first.url}/api/runs/${runId}/events`))) break;
    first.process.kill('SIGTERM');
    expect(await first.exited).toBe(0);

    const second = await start(env);
    const run = (await (await fetch(`${second.url}/api/runs/${runId}`)).json()) as RunRecord;
    expect(run.status).toBe('interrupted');
    expect(second.output()).not.toContain('unfinished run');
    const trace = (await (await fetch(`${second.url}/api/runs/${runId}/trace`)).json()) as { events: RunEvent[] };
    expect(verifyRunLog(trace.events, { lastHash: run.lastHash, count: run.eventCount })).toEqual({ ok: true });
  }, 60_000);

  it('refuses to listen beyond loopback without BATON_TOKEN', async () => {
    await expect(startChildServer({ HOST: '0.0.0.0', BATON_DATA_DIR: tempDir() })).rejects.toThrow(
      /refusing to listen on 0\.0\.0\.0 without BATON_TOKEN/,
    );
    // A child process that loads tsx takes seconds to start on a loaded two-core machine.
  }, 30_000);
});
