// The whole scale-out on one machine, every part real: PostgreSQL and Redis started by the test, the fake
// OpenAI-compatible server answering the real openai SDK, two API processes and two BullMQ workers as child
// processes. A hundred runs go in through both API processes, each watched over SSE from the other one; a worker is
// SIGKILLed mid-run and its runs finish on the other without a completed model call paid twice; a cancel and a
// decision go through one API process to whichever worker holds the run; with no worker left, health says so.
import {
  type GraphRecord,
  isTerminalRunStatus,
  type QueueHealth,
  type RunEvent,
  type RunRecord,
  type StartRunResponse,
} from '@baton/contracts';
import { verifyRunLog } from '@baton/engine';
import {
  type FakeOpenAIServer,
  type FakeReply,
  type RecordedRequest,
  requestContentKey,
  startFakeOpenAIServer,
} from '@baton/engine/testing';
import { type PostgresServer, type RedisServer, startPostgres, startRedis } from '@baton/toolchain';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChildServer, startChildServer, startChildWorker } from '../child-server';
import { escalatingGraph } from '../durability/graphs';
import { readSse } from '../sse';
import { chainGraph } from './graphs';

const RUNS = 100;
const LEASE_MS = '2000';

let postgres: PostgresServer;
let redis: RedisServer;
let fake: FakeOpenAIServer;
let db: pg.Pool;
let env: Record<string, string>;
const apis: ChildServer[] = [];
const workers: ChildServer[] = [];

beforeAll(async () => {
  [postgres, redis, fake] = await Promise.all([
    startPostgres(),
    startRedis(),
    startFakeOpenAIServer({ respond: shortReplies }),
  ]);
  const databaseUrl = postgres.createDatabase('scale_out');
  db = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  env = {
    BATON_DATABASE_URL: databaseUrl,
    BATON_QUEUE_URL: redis.url,
    BATON_LEASE_MS: LEASE_MS,
    BATON_NO_WORKER_AFTER_MS: '1000',
    BATON_WORKER_CONCURRENCY: '24',
    BATON_SHUTDOWN_GRACE_MS: '0',
    OPENAI_API_KEY: 'sk-scale-out-test',
    OPENAI_BASE_URL: fake.baseURL,
  };
  // The API processes first (they migrate and seed under the start-up lock), then the workers, all at once.
  apis.push(...(await Promise.all([startChildServer(env), startChildServer(env)])));
  workers.push(...(await Promise.all([startChildWorker(env), startChildWorker(env)])));
}, 120_000);

afterAll(async () => {
  for (const child of [...workers, ...apis]) child.process.kill('SIGKILL');
  await db?.end();
  await Promise.all([fake?.close(), postgres?.stop(), redis?.stop()]);
});

/**
 * The chain's agents answer in six words, 80 ms apart: a run of three calls takes about a second and a half, long
 * enough to be killed in the middle, with few events (each word is a delta that every watcher reads).
 */
function shortReplies(request: RecordedRequest): FakeReply | undefined {
  const system = request.body.messages.find((m) => m.role === 'system')?.content ?? '';
  if (!/^You are the (researcher|drafter|editor)\./.test(String(system))) return undefined;
  return { text: 'Here is what I found, briefly.', chunkDelayMs: 80 };
}

const post = (url: string, body: unknown) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const getRun = async (api: ChildServer, runId: string) =>
  (await (await fetch(`${api.url}/api/runs/${runId}`)).json()) as RunRecord;
const trace = async (api: ChildServer, runId: string) =>
  ((await (await fetch(`${api.url}/api/runs/${runId}/trace`)).json()) as { events: RunEvent[] }).events;
const health = async (api: ChildServer) =>
  (await (await fetch(`${api.url}/api/health`)).json()) as { queue: QueueHealth };

async function until(ready: () => Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await ready())) {
    if (Date.now() > deadline) {
      const logs = [...apis, ...workers].map((c) => c.stderr().slice(-1500)).join('\n---\n');
      throw new Error(`timed out waiting for ${what}\n${logs}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function importGraph(api: ChildServer, document: unknown): Promise<string> {
  const response = await post(`${api.url}/api/graphs/import`, document);
  expect([200, 201]).toContain(response.status);
  return ((await response.json()) as GraphRecord).id;
}

async function startRun(api: ChildServer, graphId: string, goal: string): Promise<string> {
  const response = await post(`${api.url}/api/graphs/${graphId}/runs`, { goal });
  if (response.status !== 202) {
    throw new Error(`start answered ${response.status}: ${await response.text()}\n${api.stderr().slice(-2000)}`);
  }
  return ((await response.json()) as StartRunResponse).runId;
}

/** The seqs an SSE client sees from the start to the end, reconnecting with Last-Event-ID as EventSource does. */
async function watch(api: ChildServer, runId: string): Promise<number[]> {
  const seqs: number[] = [];
  for (let tries = 0; tries < 50; tries++) {
    try {
      const headers: Record<string, string> = seqs.length > 0 ? { 'last-event-id': String(seqs.at(-1)) } : {};
      const response = await fetch(`${api.url}/api/runs/${runId}/events`, { headers });
      for await (const message of readSse(response)) {
        if (message.event === 'end') return seqs;
        seqs.push(Number(message.id));
      }
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return seqs;
}

/** The live holders of runs now, by owner id (a worker's owner id is what it printed at start: its `url`). */
async function heldBy(owner: string): Promise<string[]> {
  const { rows } = await db.query<{ run_id: string }>(
    'SELECT run_id FROM run_control WHERE owner = $1 AND lease_until >= $2',
    [owner, Date.now()],
  );
  return rows.map((row) => row.run_id);
}

/** Content keys (model + messages, as the fake counts them) of the model calls whose `action.completed` is stored. */
function completedCalls(events: readonly RunEvent[], before = Number.POSITIVE_INFINITY): string[] {
  const keyOf = new Map<string, string>();
  const keys: string[] = [];
  for (const event of events) {
    if (event.type === 'action.started' && event.actionType === 'llm_call' && event.messages && event.model) {
      keyOf.set(event.actionId, requestContentKey({ model: event.model, messages: event.messages }));
    }
    if (event.type === 'action.completed' && event.at < before && keyOf.has(event.actionId)) {
      keys.push(keyOf.get(event.actionId)!);
    }
  }
  return keys;
}

describe('two API processes, two BullMQ workers, PostgreSQL and Redis', () => {
  it(`${RUNS} runs through both API processes complete, watched from the other; a SIGKILLed worker's runs finish on the other, no completed call paid twice`, async () => {
    const [a, b] = apis as [ChildServer, ChildServer];
    const graphId = await importGraph(a, chainGraph());
    const firstRequest = fake.requests.length;
    const t0 = Date.now();
    const runIds: string[] = [];
    const watchers: Promise<number[]>[] = [];
    await Promise.all(
      Array.from({ length: RUNS }, async (_, i) => {
        const [via, other] = i % 2 === 0 ? [a, b] : [b, a];
        const runId = await startRun(via, graphId, `topic ${i}`);
        runIds.push(runId);
        watchers.push(watch(other, runId));
      }),
    );

    // Kill the first worker once it holds runs that have a completed model call behind them.
    const [victim, survivor] = workers as [ChildServer, ChildServer];
    let killedWith: string[] = [];
    let killedMidRun: string[] = [];
    let killAt = 0;
    await until(async () => {
      const held = await heldBy(victim.url);
      const midRun: string[] = [];
      for (const runId of held) {
        if (completedCalls(await trace(a, runId)).length > 0) midRun.push(runId);
      }
      if (midRun.length < 2) return false;
      killAt = Date.now();
      victim.process.kill('SIGKILL');
      killedWith = held;
      killedMidRun = midRun;
      return true;
    }, 'the first worker to hold runs mid-run');
    await victim.exited;
    const tKill = Date.now();

    await until(
      async () => (await Promise.all(runIds.map((id) => getRun(b, id)))).every((r) => isTerminalRunStatus(r.status)),
      `all ${RUNS} runs to end`,
      120_000,
    );
    const tEnded = Date.now();
    const seen = await Promise.all(watchers);
    let repeated = 0;
    let resumed = 0;
    for (const [i, runId] of runIds.entries()) {
      const run = await getRun(a, runId);
      expect(run.status, `${runId}: ${run.error?.message ?? ''}`).toBe('completed');
      const events = await trace(b, runId);
      expect(verifyRunLog(events, { lastHash: run.lastHash, count: run.eventCount })).toEqual({ ok: true });
      expect(events.map((e) => e.seq)).toEqual(events.map((_, n) => n + 1));
      // Watched from the API process that did not start it: every event once, in order.
      expect(seen[runIds.indexOf(runId)] ?? seen[i]).toBeDefined();
      const attempts = events.filter((e) => e.type === 'run.started').length;
      if (attempts > 1) resumed += 1;
      // A call completed (stored) before the kill was sent once; one in flight at the kill may have been sent twice.
      for (const key of completedCalls(events, killAt)) expect(fake.countByContent(key), runId).toBe(1);
      for (const key of new Set(completedCalls(events))) repeated += fake.countByContent(key) - 1;
    }
    for (const [n, seqs] of seen.entries()) {
      const runId = runIds[n]!;
      const run = await getRun(a, runId);
      expect(seqs, runId).toEqual(Array.from({ length: run.eventCount }, (_, k) => k + 1));
    }
    // Every run the dead worker held went on, on the survivor: a new attempt when it had begun, its first otherwise.
    expect(killedMidRun.length).toBeGreaterThanOrEqual(2);
    for (const runId of killedWith) {
      const starts = (await trace(a, runId)).filter((e) => e.type === 'run.started');
      expect(starts.at(-1)!.at, runId).toBeGreaterThanOrEqual(killAt);
      if (killedMidRun.includes(runId)) expect(starts, runId).toHaveLength(2);
    }
    process.stdout.write(
      `\n${RUNS} runs, ${fake.requests.length - firstRequest} model requests; worker killed holding ${killedWith.length} runs (${killedMidRun.length} with calls completed); ` +
        `${resumed} resumed on the other worker; ${repeated} call(s) in flight at the kill sent again; ` +
        `start to kill ${tKill - t0} ms, kill to all ended ${tEnded - tKill} ms, checks ${Date.now() - tEnded} ms\n`,
    );
    expect(survivor.process.exitCode).toBeNull();
  }, 180_000);

  it('a cancel through one API process stops the run on whichever worker holds it', async () => {
    const [a, b] = apis as [ChildServer, ChildServer];
    const graphId = await importGraph(a, chainGraph());
    // The run's first call never answers: the run is held, mid-call, by a worker.
    fake.setResponder((request) => (JSON.stringify(request.body).includes('hold me') ? { hold: true } : undefined));
    const aborted = fake.requests.filter((r) => r.aborted).length;
    const runId = await startRun(b, graphId, 'hold me');
    await until(async () => (await getRun(a, runId)).status === 'running', 'the run to be running');
    const response = await post(`${a.url}/api/runs/${runId}/cancel`, {});
    expect(response.status).toBe(200);
    await until(async () => (await getRun(b, runId)).status === 'cancelled', 'the run to be cancelled');
    // The worker stopped the model call in flight (the fake saw the client go away).
    await fake.waitForAborted(aborted + 1);
    const run = await getRun(b, runId);
    const events = await trace(a, runId);
    expect(verifyRunLog(events, { lastHash: run.lastHash, count: run.eventCount })).toEqual({ ok: true });
    fake.setResponder(undefined);
  }, 60_000);

  it('a decision through one API process reaches the worker waiting on it', async () => {
    const [a, b] = apis as [ChildServer, ChildServer];
    const graphId = await importGraph(a, escalatingGraph());
    const runId = await startRun(a, graphId, 'tide pools');
    await until(async () => (await getRun(b, runId)).status === 'waiting', 'the run to wait for a person');
    const [escalationId] = (await getRun(b, runId)).pendingEscalations;
    const decided = await post(`${b.url}/api/runs/${runId}/escalations/${escalationId}`, { decision: 'approve' });
    expect(decided.status).toBe(200);
    await until(async () => isTerminalRunStatus((await getRun(a, runId)).status), 'the run to end');
    expect((await getRun(a, runId)).status).toBe('completed');
  }, 60_000);

  it('with no worker running, health says so and a queued run waits', async () => {
    const [a, b] = apis as [ChildServer, ChildServer];
    const before = await health(a);
    expect(before.queue).toMatchObject({ kind: 'bullmq-redis', reachable: true, liveWorkers: 1 });
    const last = workers[1]!;
    last.process.kill('SIGTERM');
    expect(await last.exited).toBe(0);
    const after = await health(b);
    expect(after.queue).toMatchObject({ reachable: true, liveWorkers: 0, noWorkerAfterMs: 1000 });
    expect(after.queue.workerLastSeenAt).toBeGreaterThan(before.queue.now - 60_000);
    const graphId = await importGraph(a, chainGraph());
    const runId = await startRun(a, graphId, 'nobody takes this');
    await new Promise((resolve) => setTimeout(resolve, 1200));
    const run = await getRun(b, runId);
    const now = (await health(b)).queue;
    expect(run.status).toBe('queued');
    // What the run page tells from these: queued longer than noWorkerAfterMs, no live worker.
    expect(now.now - run.createdAt).toBeGreaterThan(now.noWorkerAfterMs);
    expect(now.liveWorkers).toBe(0);
  }, 60_000);
});
