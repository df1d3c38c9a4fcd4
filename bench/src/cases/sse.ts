// Child process: SSE through our real server or the bare Hono peer; replay of a stored run, or live to W watchers.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { argNumber, argString, parseArgs } from '../harness/args';
import { emitResult } from '../harness/child';
import { percentile } from '../harness/stats';
import { deliveryProblem } from '../streams/delivery';
import { importLiveGraph, startOurLiveRun } from '../streams/live-run';
import { type ServerProcess, startOurServer, startPeerServer } from '../streams/processes';
import { seedStoredRun } from '../streams/seed';
import { watch } from '../streams/watch';

export interface SseRunFigures {
  events: number;
  watchers: number;
  /** Events delivered per second, over all watchers, from request (replay) or first emission (live) to end. */
  eventsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** The rate at which the events were emitted (live), events/s. */
  emitRate: number;
}

export interface SseCaseResult {
  runs: SseRunFigures[];
  problems: string[];
}

const args = parseArgs();
const target = argString(args, 'target') as 'ours' | 'peer';
const mode = argString(args, 'mode') as 'replay' | 'live';
const count = argNumber(args, 'events');
const watchers = argNumber(args, 'watchers', 1);
const warmup = argNumber(args, 'warmup', 1);
const runs = argNumber(args, 'runs', 5);
const dataDir = mkdtempSync(join(tmpdir(), 'baton-bench-sse-'));
const problems: string[] = [];
let server: ServerProcess | null = null;

async function watchAll(urls: string[]) {
  const all = urls.map((url) => watch(url));
  await Promise.all(all.map((w) => w.connected));
  return all;
}

async function replayOnce(base: string, url: string): Promise<SseRunFigures> {
  const start = performance.now();
  const [watcher] = await watchAll([`${base}${url}`]);
  const delivery = await watcher!.done;
  const seconds = (performance.now() - start) / 1000;
  const problem = deliveryProblem(delivery, count);
  if (problem) problems.push(`replay: ${problem}`);
  return {
    events: delivery.received,
    watchers: 1,
    eventsPerSecond: delivery.received / seconds,
    p50Ms: 0,
    p99Ms: 0,
    emitRate: 0,
  };
}

async function liveOnce(base: string, graphId: string, index: number, rate: number): Promise<SseRunFigures> {
  let urls: string[];
  let expected: () => Promise<number>;
  let connectedAll: Awaited<ReturnType<typeof watchAll>>;
  const start = performance.now();
  if (target === 'ours') {
    // Watchers can only connect once the run exists; events before that are replayed and not timed as live.
    const live = await startOurLiveRun(base, graphId, index);
    urls = Array.from({ length: watchers }, () => `${base}/api/runs/${live.runId}/events`);
    connectedAll = await watchAll(urls);
    expected = live.eventCount;
  } else {
    urls = Array.from({ length: watchers }, () => `${base}/live/${index}`);
    connectedAll = await watchAll(urls);
    const response = await fetch(`${base}/live/${index}/start?count=${count}&rate=${rate}`, { method: 'POST' });
    if (!response.ok) throw new Error(`peer /live/start: ${response.status}`);
    expected = async () => count;
  }
  const deliveries = await Promise.all(connectedAll.map((w) => w.done));
  const seconds = (performance.now() - start) / 1000;
  const total = await expected();
  for (const delivery of deliveries) {
    const problem = deliveryProblem(delivery, total);
    if (problem) problems.push(`live: ${problem}`);
  }
  const latencies = deliveries.flatMap((d) => d.latencies);
  const received = deliveries.reduce((sum, d) => sum + d.received, 0);
  return {
    events: total,
    watchers,
    eventsPerSecond: received / seconds,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    emitRate: total / seconds,
  };
}

try {
  let graphId = '';
  let replayUrl = `/replay/${count}`;
  if (target === 'ours') {
    if (mode === 'replay') replayUrl = `/api/runs/${(await seedStoredRun(dataDir, count)).runId}/events`;
    // Live runs use the simulated provider at full speed with 1 ms per token: about 1,000 events/s from one chain.
    server = await startOurServer({ BATON_DATA_DIR: dataDir, BATON_SIM_CALL_MS: '0', BATON_SIM_TOKEN_MS: '1' });
    if (mode === 'live') graphId = await importLiveGraph(server.baseUrl, count);
  } else {
    server = await startPeerServer();
  }
  const base = server.baseUrl;
  const figures: SseRunFigures[] = [];
  for (let i = -warmup; i < runs; i++) {
    const run =
      mode === 'replay'
        ? await replayOnce(base, replayUrl)
        : await liveOnce(base, graphId, i + warmup, argNumber(args, 'rate', 1000));
    if (i >= 0) figures.push(run);
  }
  emitResult({ runs: figures, problems } satisfies SseCaseResult);
} finally {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
