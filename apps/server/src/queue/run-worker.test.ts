// BullMQ workers on a real Redis and a real PostgreSQL, started by the test: an API process that only enqueues, two
// workers that share the runs, a job delivered while another worker holds its run, a job delivered again after the
// run ended (n8n's bug), and a job BullMQ gives up on (maxStalledCount), which is resumed, not failed.
import { isTerminalRunStatus, type RunRecord } from '@baton/contracts';
import * as engine from '@baton/engine';
import { verifyRunLog } from '@baton/engine';
import { type PostgresServer, type RedisServer, startPostgres, startRedis } from '@baton/toolchain';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { agentGraph } from '../../test/documents';
import { example } from '../../test/durability/graphs';
import { type TestServer, testServer } from '../../test/harness';
import { readConfig } from '../config';
import { createMemoryLogger } from '../logger';
import { createProvider } from '../provider';
import { openPgStores } from '../store/open-stores';
import { RUN_QUEUE_NAME, RunQueue } from './run-queue';
import { startRunWorker } from './run-worker';

const LEASE_MS = 2000;
let postgres: PostgresServer;
let redis: RedisServer;
let databases = 0;
const closers: (() => Promise<void>)[] = [];

beforeAll(async () => {
  [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
}, 60_000);
afterAll(async () => {
  await Promise.all([postgres?.stop(), redis?.stop()]);
});
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close().catch(() => {});
  const flush = new Redis(redis.url);
  await flush.flushall();
  flush.disconnect();
});

/** The real engine with the simulated provider, paced: what `npm run worker` runs without a key. */
const realEngine = () => ({
  engine,
  provider: createProvider(
    readConfig({ BATON_SIM_CALL_MS: '150', BATON_SIM_TOKEN_MS: '2' }, '/tmp'),
    engine,
    createMemoryLogger([]),
  ),
});

/** One PostgreSQL database; an API process on it that enqueues and executes nothing; `worker()` adds a worker. */
async function cluster(fake: { stepMs?: number } = {}, real = false) {
  const url = postgres.createDatabase(`workers_${++databases}`);
  const api = testServer({
    stores: await openPgStores(url),
    execute: false,
    queue: new RunQueue(redis.url, 'producer'),
    idTag: 'api',
    noWorkerAfterMs: 1000,
  });
  closers.push(() => api.close());
  await api.graphs.createGraph('g', (real ? example('research-and-write') : agentGraph('g')) as never);
  const worker = async (tag: string, options: { maxStalledCount?: number } = {}) => {
    const server = testServer({
      stores: await openPgStores(url),
      execute: false,
      takeWork: 'queue',
      fake,
      ...(real ? realEngine() : {}),
      leaseMs: LEASE_MS,
      idTag: tag,
    });
    const running = await startRunWorker({
      queueUrl: redis.url,
      executor: server.runExecutor,
      claims: server.claims,
      logger: { info() {}, warn() {}, error() {} },
      concurrency: 8,
      leaseMs: LEASE_MS,
      ...options,
    });
    closers.push(async () => {
      await running.close(0);
      await server.close();
    });
    return { server, worker: running };
  };
  const start = async (goal: string) => {
    const response = await api.call('POST', '/api/graphs/g/runs', { goal });
    expect(response.status).toBe(202);
    return ((await response.json()) as { runId: string }).runId;
  };
  return { api, worker, start };
}

async function ended(server: TestServer, runId: string, timeoutMs = 20_000): Promise<RunRecord> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = (await server.runs.getRun(runId))!;
    if (isTerminalRunStatus(run.status)) return run;
    if (Date.now() > deadline) throw new Error(`run ${runId} is still ${run.status}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function verified(server: TestServer, run: RunRecord) {
  const events = await server.runs.readEvents(run.id, 0);
  return verifyRunLog(events, { lastHash: run.lastHash, count: run.eventCount });
}

describe('BullMQ workers on Redis, runs in PostgreSQL', () => {
  it('an API process enqueues and executes nothing; two workers execute every run once between them', async () => {
    const { api, worker, start } = await cluster({ stepMs: 20 });
    const runIds = await Promise.all(Array.from({ length: 12 }, (_, i) => start(`goal ${i}`)));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await Promise.all(runIds.map((id) => api.runs.getRun(id)))).map((r) => r?.status)).toEqual(
      runIds.map(() => 'queued'),
    );
    const health = (await (await api.call('GET', '/api/health')).json()) as Record<string, unknown>;
    expect(health.queue).toMatchObject({
      kind: 'bullmq-redis',
      reachable: true,
      liveWorkers: 0,
      workerLastSeenAt: null,
    });

    const a = await worker('a');
    const b = await worker('b');
    for (const runId of runIds) {
      const run = await ended(api, runId);
      expect(run.status).toBe('completed');
      expect(await verified(api, run)).toEqual({ ok: true });
      const events = await api.runs.readEvents(runId, 0);
      expect(events.filter((e) => e.type === 'run.started')).toHaveLength(1);
    }
    // Both took part (8 at once each, 12 runs), and the API process ran none.
    expect(a.server.engine).not.toBe(b.server.engine);
    const startedOn = (s: TestServer) => (s.engine as unknown as { started: unknown[] }).started.length;
    expect(startedOn(a.server) + startedOn(b.server)).toBe(12);
    expect(startedOn(api)).toBe(0);
    const after = (await (await api.call('GET', '/api/health')).json()) as { queue: { liveWorkers: number } };
    expect(after.queue.liveWorkers).toBe(2);
  }, 60_000);

  it('a job delivered while another worker holds the run waits for it, then writes nothing', async () => {
    const { api, worker, start } = await cluster({ stepMs: 100 });
    const a = await worker('a');
    const runId = await start('held');
    const deadline = Date.now() + 10_000;
    while (!a.worker.activeRunIds().includes(runId)) {
      if (Date.now() > deadline) throw new Error('worker a never took the run');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    // The same job, as a stall check would hand it to a second worker while the first is alive (n8n PR #7435).
    const b = await worker('b');
    const outcome = await b.server.runExecutor.executeQueued(runId);
    expect(outcome).toBe('ended');
    const run = await ended(api, runId);
    expect(run.status).toBe('completed');
    expect(await verified(api, run)).toEqual({ ok: true });
    expect((b.server.engine as unknown as { started: unknown[] }).started).toHaveLength(0);
  }, 30_000);

  it('a job delivered again after the run ended is completed with nothing written', async () => {
    const { api, worker, start } = await cluster();
    await worker('a');
    const runId = await start('once');
    const run = await ended(api, runId);
    const queue = new Queue(RUN_QUEUE_NAME, { connection: { url: redis.url } });
    closers.push(() => queue.close());
    await queue.add('run', { runId }, { jobId: runId, removeOnComplete: false });
    const deadline = Date.now() + 10_000;
    while ((await (await queue.getJob(runId))?.getState()) !== 'completed') {
      if (Date.now() > deadline) throw new Error('the job delivered again was not processed');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect((await queue.getJob(runId))?.returnvalue).toBe('ended');
    const after = (await api.runs.getRun(runId))!;
    expect({ eventCount: after.eventCount, lastHash: after.lastHash }).toEqual({
      eventCount: run.eventCount,
      lastHash: run.lastHash,
    });
  }, 30_000);

  it('a job BullMQ gives up on (stalled more than maxStalledCount) is resumed, not failed', async () => {
    const { api, worker, start } = await cluster();
    // A worker that takes the job and dies with it: its lock is never renewed, and it never claimed the run.
    const doomed = new Worker(RUN_QUEUE_NAME, () => new Promise(() => {}), {
      connection: { url: redis.url, maxRetriesPerRequest: null },
      lockDuration: 500,
      skipLockRenewal: true,
      skipStalledCheck: true,
    });
    closers.push(() => doomed.close(true));
    const runId = await start('stalls');
    const taken = Date.now() + 10_000;
    const queue = new Queue(RUN_QUEUE_NAME, { connection: { url: redis.url } });
    closers.push(() => queue.close());
    while ((await (await queue.getJob(runId))?.getState()) !== 'active') {
      if (Date.now() > taken) throw new Error('the doomed worker never took the job');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await doomed.close(true);
    // With maxStalledCount 0 the stall check fails the job at once; the sweep hands the run out again.
    await worker('b', { maxStalledCount: 0 });
    const run = await ended(api, runId);
    expect(run.status).toBe('completed');
    expect(await verified(api, run)).toEqual({ ok: true });
  }, 30_000);

  it('a worker that stops mid-run (what SIGTERM does) gives its runs back: another worker resumes them at once', async () => {
    const { api, worker, start } = await cluster({}, true);
    const a = await worker('a');
    const runId = await start('tide pools');
    const deadline = Date.now() + 20_000;
    // Stopped once the run has a completed model call behind it.
    while (!(await api.runs.readEvents(runId, 0)).some((e) => e.type === 'action.completed' && e.model !== undefined)) {
      if (Date.now() > deadline) throw new Error('worker a never got a call done');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const b = await worker('b');
    const stoppedAt = Date.now();
    await a.worker.close(0);
    const run = await ended(api, runId, 30_000);
    expect(run.status).toBe('completed');
    expect(await verified(api, run)).toEqual({ ok: true });
    const starts = (await api.runs.readEvents(runId, 0)).filter((e) => e.type === 'run.started');
    expect(starts).toHaveLength(2);
    // Taken over at once, not after the lease (2 s) ran out: the stopping worker released the claim and re-enqueued.
    expect(starts[1]!.at - stoppedAt).toBeLessThan(LEASE_MS);
    expect(b.worker.activeRunIds()).toEqual([]);
  }, 60_000);

  it('says on /api/health when the queue cannot be reached, and still starts runs (they wait in the store)', async () => {
    const url = postgres.createDatabase(`workers_${++databases}`);
    const api = testServer({
      stores: await openPgStores(url),
      execute: false,
      queue: new RunQueue('redis://127.0.0.1:1', 'producer'),
    });
    closers.push(() => api.close());
    await api.graphs.createGraph('g', agentGraph('g') as never);
    const started = await api.call('POST', '/api/graphs/g/runs', { goal: 'later' });
    expect(started.status).toBe(202);
    const { runId } = (await started.json()) as { runId: string };
    expect((await api.runs.getRun(runId))?.status).toBe('queued');
    expect(api.logs.some((line) => line.includes(`run ${runId} could not be enqueued`))).toBe(true);
    const response = await api.call('GET', '/api/health');
    expect(response.status).toBe(200);
    expect(((await response.json()) as { queue: unknown }).queue).toMatchObject({
      reachable: false,
      error: expect.any(String),
      liveWorkers: 0,
    });
  }, 30_000);
});
