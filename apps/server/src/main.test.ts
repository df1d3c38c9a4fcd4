import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isTerminalRunStatus, type RunEvent, type RunRecord, type StartRunResponse } from '@baton/contracts';
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

async function finished(url: string, runId: string): Promise<RunRecord> {
  for (const deadline = Date.now() + 30_000; Date.now() < deadline; ) {
    const run = (await (await fetch(`${url}/api/runs/${runId}`)).json()) as RunRecord;
    if (isTerminalRunStatus(run.status)) return run;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`run ${runId} did not end`);
}

const post = (url: string, body: unknown) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('main.ts as a process', () => {
  it('after SIGKILL mid-run, the next start resumes the run: it completes, one log over both attempts verifies', async () => {
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
    expect(second.output()).toContain('resuming 1 unfinished run(s)');
    const run = await finished(second.url, runId);
    expect(run.status).toBe('completed');
    const trace = (await (await fetch(`${second.url}/api/runs/${runId}/trace`)).json()) as { events: RunEvent[] };
    expect(trace.events.length).toBe(run.eventCount);
    expect(trace.events.slice(0, seen.length)).toEqual(seen);
    expect(trace.events.filter((e) => e.type === 'run.started').map((e) => e.attempt)).toEqual([1, 2]);
    expect(trace.events.map((e) => e.seq)).toEqual(trace.events.map((_, i) => i + 1));
    expect(verifyRunLog(trace.events, { lastHash: run.lastHash, count: run.eventCount })).toEqual({ ok: true });
  }, 60_000);

  it('on SIGTERM, a run going on keeps its status, with no run.interrupted; the next start resumes it', async () => {
    const dataDir = tempDir();
    const env = {
      BATON_DATA_DIR: dataDir,
      BATON_SIM_CALL_MS: '300',
      BATON_SIM_TOKEN_MS: '20',
      BATON_SHUTDOWN_GRACE_MS: '2000',
    };
    const first = await start(env);
    const started = await post(`${first.url}/api/graphs/example-peer-review/runs`, { goal: 'a haiku' });
    const { runId } = (await started.json()) as StartRunResponse;
    for await (const _message of readSse(await fetch(`${first.url}/api/runs/${runId}/events`))) break;
    first.process.kill('SIGTERM');
    expect(await first.exited).toBe(0);

    const second = await start({ ...env, BATON_SIM_CALL_MS: '0', BATON_SIM_TOKEN_MS: '0' });
    const before = (await (await fetch(`${second.url}/api/runs/${runId}/trace`)).json()) as { events: RunEvent[] };
    expect(before.events.some((e) => e.type === 'run.interrupted')).toBe(false);
    const run = await finished(second.url, runId);
    expect(run.status).toBe('completed');
    const trace = (await (await fetch(`${second.url}/api/runs/${runId}/trace`)).json()) as { events: RunEvent[] };
    expect(trace.events.some((e) => e.type === 'run.interrupted')).toBe(false);
    expect(verifyRunLog(trace.events, { lastHash: run.lastHash, count: run.eventCount })).toEqual({ ok: true });
  }, 60_000);

  it('refuses to listen beyond loopback without BATON_TOKEN', async () => {
    await expect(startChildServer({ HOST: '0.0.0.0', BATON_DATA_DIR: tempDir() })).rejects.toThrow(
      /refusing to listen on 0\.0\.0\.0 without BATON_TOKEN/,
    );
    // A child process that loads tsx takes seconds to start on a loaded two-core machine.
  }, 30_000);

  it('stops at start with one sentence naming the key when the configuration file does not parse', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'baton.config.json');
    fs.writeFileSync(file, JSON.stringify({ httpFetch: { allowedHosts: ['Not A Host'] } }));
    await expect(startChildServer({ BATON_DATA_DIR: dir, BATON_CONFIG: file })).rejects.toThrow(
      /Baton could not start: baton\.config\.json: httpFetch\.allowedHosts\[0\] must be a lower-case host name/,
    );
  }, 30_000);
});
