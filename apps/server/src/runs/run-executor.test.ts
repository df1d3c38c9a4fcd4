// The executor with the real engine on a real SQLite file: a run outlives the server that started it.
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
import * as engine from '@baton/engine';
import { type FakeOpenAIServer, startFakeOpenAIServer } from '@baton/engine/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { agentGraph, findingsContract } from '../../test/documents';
import { type TestServer, testServer } from '../../test/harness';
import { readRunLog } from './run-log';
import { waitForRun } from './wait-for-run';

const servers: TestServer[] = [];
const dirs: string[] = [];
let fake: FakeOpenAIServer | undefined;
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close().catch(() => {});
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  await fake?.close();
  fake = undefined;
});

function dataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-executor-'));
  dirs.push(dir);
  return dir;
}

const simulated = (confidence = 0.9) => engine.createSimulatedProvider({ callDelayMs: 0, tokenDelayMs: 0, confidence });

function open(dir: string, tag: string, provider = simulated(), execute = true, leaseMs?: number): TestServer {
  const server = testServer({ engine, provider, dataDir: dir, idTag: tag, execute, leaseMs });
  servers.push(server);
  return server;
}

/** Closes a server as SIGTERM does (claims released, nothing written), and forgets it. */
async function stop(server: TestServer): Promise<void> {
  await server.close(0);
  servers.splice(servers.indexOf(server), 1);
}

/** input -> writer -> editor -> output: two model calls, one after the other. */
function twoAgents() {
  const document = agentGraph('g2');
  document.nodes.splice(2, 0, {
    id: 'editor',
    kind: 'specialist',
    position: { x: 300, y: 0 },
    data: { name: 'editor', description: 'Edits.', instructions: 'Edit it.' },
  });
  document.edges = [
    { id: 'e1', kind: 'handoff', source: 'in', target: 'writer' },
    { id: 'e2', kind: 'handoff', source: 'writer', target: 'editor' },
    { id: 'e3', kind: 'handoff', source: 'editor', target: 'out' },
  ];
  return document;
}

const json = async <T>(response: Response) => (await response.json()) as T;

async function startRun(server: TestServer, document = agentGraph('g', findingsContract)): Promise<string> {
  const graph = await json<GraphRecord>(await server.call('POST', '/api/graphs', { document }));
  const started = await server.call('POST', `/api/graphs/${graph.id}/runs`, { goal: 'the tides' });
  return (await json<StartRunResponse>(started)).runId;
}

const ended = (server: TestServer, runId: string) =>
  waitForRun(server, runId, (r) => isTerminalRunStatus(r.status), 10_000) as Promise<RunRecord>;

function verified(events: RunEvent[], run: RunRecord) {
  return engine.verifyRunLog(events, { lastHash: run.lastHash, count: run.eventCount });
}

describe('run executor', () => {
  it('a run waiting for a person outlives its server: one question, the decision sent while no process held it', async () => {
    const dir = dataDir();
    const first = open(dir, 'a', simulated(0.2));
    const runId = await startRun(first);
    const waiting = await waitForRun(first, runId, (r) => r.status === 'waiting', 10_000);
    const escalationId = waiting!.pendingEscalations[0]!;
    await stop(first);

    // A process that answers HTTP but executes nothing: the decision goes to the store.
    const service = open(dir, 'b', simulated(0.2), false);
    expect((await service.runs.getRun(runId))?.status).toBe('waiting');
    const decided = await service.call('POST', `/api/runs/${runId}/escalations/${escalationId}`, {
      decision: 'approve',
    });
    expect(decided.status).toBe(200);
    await stop(service);

    const executor = open(dir, 'c', simulated(0.2));
    const run = await ended(executor, runId);
    expect(run.status).toBe('completed');
    const events = await readRunLog(executor.runs, runId);
    expect(events.filter((e) => e.type === 'escalation.requested')).toHaveLength(1);
    const resolved = events.filter((e) => e.type === 'escalation.resolved');
    expect(resolved.map((e) => e.type === 'escalation.resolved' && e.escalationId)).toEqual([escalationId]);
    expect(events.filter((e) => e.type === 'run.started').map((e) => e.type === 'run.started' && e.attempt)).toEqual([
      1, 2,
    ]);
    expect(verified(events, run)).toEqual({ ok: true });
  });

  it('a run started with the openai provider is interrupted without the key, with the reason, and resumes with it', async () => {
    fake = await startFakeOpenAIServer();
    const openai = () =>
      engine.createOpenAIProvider({
        apiKey: 'sk-test',
        baseURL: fake!.baseURL,
        models: { fast: 'f', balanced: 'b', deep: 'd' },
      });
    const dir = dataDir();
    const first = open(dir, 'a', openai());
    const held = fake.holdNth(() => true, 1);
    const runId = await startRun(first, agentGraph('g'));
    await held;
    await stop(first); // grace 0: the held call is abandoned, the claim released
    fake.release();

    const keyless = open(dir, 'b', simulated());
    const interrupted = await ended(keyless, runId);
    expect(interrupted.status).toBe('interrupted');
    expect(interrupted.error?.message).toContain('provider openai, now simulated (no OPENAI_API_KEY)');
    const again = await keyless.call('POST', `/api/runs/${runId}/resume`);
    expect(again.status).toBe(202);
    expect((await ended(keyless, runId)).error?.message).toContain('no OPENAI_API_KEY');
    await stop(keyless);

    const keyBack = open(dir, 'c', openai());
    expect((await keyBack.runs.getRun(runId))?.status).toBe('interrupted');
    const resumed = await keyBack.call('POST', `/api/runs/${runId}/resume`);
    expect(resumed.status).toBe(202);
    const run = await ended(keyBack, runId);
    expect(run.status).toBe('completed');
    const events = await readRunLog(keyBack.runs, runId);
    expect(events.filter((e) => e.type === 'run.interrupted')).toHaveLength(2);
    expect(verified(events, run)).toEqual({ ok: true });
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
  });
});

describe('two processes on one database', () => {
  it('execute each run once: the other sees a live lease and leaves it', async () => {
    const dir = dataDir();
    // Short leases: each process looks for work every 100 ms, so each sees the other's runs while they execute.
    const a = open(dir, 'a', engine.createSimulatedProvider({ callDelayMs: 150, tokenDelayMs: 0 }), true, 300);
    const b = open(dir, 'b', engine.createSimulatedProvider({ callDelayMs: 150, tokenDelayMs: 0 }), true, 300);
    const runIds = await Promise.all([startRun(a, twoAgents()), startRun(b, twoAgents())]);
    for (const runId of runIds) {
      const run = await ended(a, runId);
      expect(run.status).toBe('completed');
      const log = await readRunLog(a.runs, runId);
      expect(log.filter((e) => e.type === 'run.started')).toHaveLength(1);
      expect(verified(log, run)).toEqual({ ok: true });
    }
    expect(a.logs.concat(b.logs).filter((line) => line.includes('error'))).toEqual([]);
  });
});

describe('graceful shutdown', () => {
  it('lets the call in flight finish within the grace period, stores it, and the next process reuses it', async () => {
    fake = await startFakeOpenAIServer();
    const openai = () =>
      engine.createOpenAIProvider({
        apiKey: 'sk-test',
        baseURL: fake!.baseURL,
        models: { fast: 'f', balanced: 'b', deep: 'd' },
      });
    const dir = dataDir();
    const first = open(dir, 'a', openai());
    const held = fake.holdNth(() => true, 1);
    const runId = await startRun(first, twoAgents());
    await held;
    const stopping = first.close(5000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    fake.release();
    await stopping;
    servers.splice(servers.indexOf(first), 1);

    const second = open(dir, 'b', openai(), false);
    const kept = (await second.runs.getRun(runId))!;
    expect(kept.status).toBe('running');
    const log = await readRunLog(second.runs, runId);
    expect(log.some((e) => e.type === 'run.interrupted' || e.type === 'run.cancelled')).toBe(false);
    expect(log.filter((e) => e.type === 'action.completed' && e.model !== undefined)).toHaveLength(1);
    await stop(second);

    const third = open(dir, 'c', openai());
    const run = await ended(third, runId);
    expect(run.status).toBe('completed');
    // The call finished during the grace period: it was sent once and reused; only the second agent's followed.
    expect(fake.requests).toHaveLength(2);
    expect(new Set(fake.requests.map((r) => JSON.stringify(r.body.messages))).size).toBe(2);
    expect(verified(await readRunLog(third.runs, runId), run)).toEqual({ ok: true });
  });
});

describe('POST /api/runs/:id/resume', () => {
  it('answers 409 on a run going on and on an ended one, 404 on an unknown one', async () => {
    const dir = dataDir();
    const server = open(dir, 'a', simulated(), false);
    const runId = await startRun(server, agentGraph('g'));
    const queued = await server.call('POST', `/api/runs/${runId}/resume`);
    expect(queued.status).toBe(409);
    expect(((await queued.json()) as { error: { code: string } }).error.code).toBe('run_not_resumable');
    await stop(server);
    const executing = open(dir, 'b');
    expect((await ended(executing, runId)).status).toBe('completed');
    const done = await executing.call('POST', `/api/runs/${runId}/resume`);
    expect(done.status).toBe(409);
    expect(((await done.json()) as { error: { message: string } }).error.message).toContain('ended completed');
    expect((await executing.call('POST', '/api/runs/nope/resume')).status).toBe(404);
  });
});

describe('cancelling a run that no live process holds', () => {
  it('ends it at once, cancelled, with a sealed event', async () => {
    const server = open(dataDir(), 'a', simulated(), false);
    const runId = await startRun(server, agentGraph('g'));
    const response = await server.call('POST', `/api/runs/${runId}/cancel`);
    expect(response.status).toBe(200);
    const run = await json<RunRecord>(response);
    expect(run.status).toBe('cancelled');
    const events = await readRunLog(server.runs, runId);
    expect(events.map((e) => e.type)).toEqual(['run.cancelled']);
    expect(verified(events, run)).toEqual({ ok: true });
  });
});
