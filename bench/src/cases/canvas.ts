// Child process: one canvas (ours through the real server, or plain React Flow) at one size, in headless Chromium.
// Per page load: time until every node and edge is rendered, then frames/s while panning and while dragging a node.
// Ours also: the longest main-thread task while a live run's events arrive.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isTerminalRunStatus } from '@baton/contracts';
import type { Browser, Page } from '@playwright/test';
import { launchChromium, preparePage } from '../canvas/browser';
import { canvasGraph } from '../canvas/generate';
import { dragFps, panFps } from '../canvas/gestures';
import { PEER_DIST } from '../canvas/peer-build';
import { servePeerPage } from '../canvas/peer-server';
import { installProbes } from '../canvas/probes';
import { argNumber, argString, parseArgs } from '../harness/args';
import { emitResult } from '../harness/child';
import { cancelRun, getRun, importGraph, startRun } from '../harness/our-api';
import { REPO_DIR, type ServerProcess, startOurServer } from '../streams/processes';

export interface CanvasCaseResult {
  renderMs: number[];
  /** Nodes in the DOM once rendered: all of them in plain React Flow, those in view in ours (it culls). */
  domNodes: number;
  panFps: number[];
  dragFps: number[];
  /** Ours only: the longest long task (ms) while `eventsArrived` run events reached the page; 0 when none > 50 ms. */
  events: { longestTaskMs: number; longTasks: number; eventsArrived: number; seconds: number } | null;
}

const args = parseArgs();
const impl = argString(args, 'impl') as 'ours' | 'peer';
const nodeCount = argNumber(args, 'nodes');
const measureMs = argNumber(args, 'measure-ms', 3000);
const runEvents = argNumber(args, 'events', 0);
// Another build of the web app (say, the one before a change), to compare two builds against the same peer.
const webDir = argString(args, 'web-dir', join(REPO_DIR, 'apps/web/dist'));
const graph = canvasGraph(nodeCount);
const dataDir = mkdtempSync(join(tmpdir(), 'baton-bench-canvas-'));
let server: ServerProcess | null = null;
let browser: Browser | null = null;

async function openPage(url: string): Promise<{ page: Page; renderMs: number; domNodes: number }> {
  const page = await browser!.newPage({ viewport: { width: 1280, height: 800 } });
  await preparePage(page);
  await page.addInitScript(installProbes, { nodes: graph.nodes.length, edges: graph.edges.length });
  await page.goto(url);
  await page.waitForFunction(() => window.__bench.renderedAt !== null, null, { timeout: 180_000, polling: 100 });
  const { renderedAt, renderedNodes } = await page.evaluate(() => window.__bench);
  return { page, renderMs: renderedAt!, domNodes: renderedNodes };
}

async function eventsPhase(url: string, graphId: string): Promise<CanvasCaseResult['events']> {
  const base = server!.baseUrl;
  const { page } = await openPage(url);
  const runId = await startRun(base, graphId, 'Canvas benchmark run');
  // Switch the open editor to the run without a reload (the app's router follows popstate), then time from there.
  const t0 = await page.evaluate(
    (path) => {
      history.pushState(null, '', path);
      dispatchEvent(new PopStateEvent('popstate'));
      return performance.now();
    },
    `/graphs/${encodeURIComponent(graphId)}/runs/${encodeURIComponent(runId)}`,
  );
  const started = Date.now();
  let arrived = 0;
  // Until `runEvents` have arrived, or the run ended (a small graph's run has fewer) and all of its events did.
  let ended = false;
  while (Date.now() - started < 120_000) {
    arrived = await page.evaluate(() => window.__bench.sseMessages);
    if (arrived >= runEvents) break;
    if (!ended) {
      const run = await getRun(base, runId);
      ended = isTerminalRunStatus(run.status);
    }
    if (ended && arrived >= (await getRun(base, runId)).eventCount) break;
    await page.waitForTimeout(100);
  }
  const seconds = (Date.now() - started) / 1000;
  const tasks = await page.evaluate((from) => window.__bench.longTasks.filter((t) => t.start >= from), t0);
  await cancelRun(base, runId);
  const stored = (await getRun(base, runId)).eventCount;
  await page.close();
  if (arrived < Math.min(runEvents, stored)) {
    throw new Error(`only ${arrived} of ${runEvents} run events reached the page in 120 s (the run stored ${stored})`);
  }
  return {
    longestTaskMs: Math.max(0, ...tasks.map((t) => t.duration)),
    longTasks: tasks.length,
    eventsArrived: arrived,
    seconds,
  };
}

try {
  let url: string;
  let graphId = '';
  if (impl === 'ours') {
    // Paced so that a chain streams about 1,000 events/s: a live run, not a replay burst.
    server = await startOurServer({
      BATON_DATA_DIR: dataDir,
      BATON_WEB_DIR: webDir,
      BATON_SIM_CALL_MS: '0',
      BATON_SIM_TOKEN_MS: '1',
    });
    graphId = await importGraph(server.baseUrl, graph);
    url = `${server.baseUrl}/graphs/${encodeURIComponent(graphId)}`;
  } else {
    server = await servePeerPage(PEER_DIST);
    url = `${server.baseUrl}/?nodes=${nodeCount}`;
  }
  browser = await launchChromium();
  const result: CanvasCaseResult = { renderMs: [], domNodes: 0, panFps: [], dragFps: [], events: null };
  const warmup = argNumber(args, 'warmup', 1);
  const runs = argNumber(args, 'runs', 5);
  for (let i = -warmup; i < runs; i++) {
    // A fresh copy of the graph per load in ours: a drag is saved, and a long drag leaves the node elsewhere.
    if (impl === 'ours' && i > -warmup) {
      graphId = await importGraph(server.baseUrl, graph);
      url = `${server.baseUrl}/graphs/${encodeURIComponent(graphId)}`;
    }
    const { page, renderMs, domNodes } = await openPage(url);
    result.domNodes = domNodes;
    const pan = await panFps(page, measureMs);
    const drag = await dragFps(page, measureMs);
    await page.close();
    if (i < 0) continue;
    result.renderMs.push(renderMs);
    result.panFps.push(pan);
    result.dragFps.push(drag);
  }
  if (impl === 'ours' && runEvents > 0) result.events = await eventsPhase(url, graphId);
  emitResult(result);
} finally {
  await browser?.close();
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
