// The canvas suite: our editor against plain React Flow at each size, and the longest task while run events stream.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findChromium, readManifest, scriptSize } from '@baton/toolchain';
import type { CanvasCaseResult } from '../cases/canvas';
import { toArgv } from '../harness/args';
import { runCase } from '../harness/child';
import type { BenchConfig } from '../harness/config';
import { type Row, row } from '../harness/report';
import { summarize } from '../harness/stats';
import { REPO_DIR } from '../streams/processes';
import { buildPeerPage, buildWebAppWithManifest, PEER_DIST } from './peer-build';

export async function runCanvasSuite(config: BenchConfig, log: (line: string) => void) {
  const rows: Row[] = [];
  const raw: Record<string, CanvasCaseResult> = {};
  const errors: string[] = [];
  // Found (or, as root, installed) before anything else runs; the same helper as the e2e suite's.
  try {
    findChromium();
  } catch (error) {
    return { rows, raw, errors: [`canvas: ${(error as Error).message}`] };
  }
  // Our editor is served built, as `npm start` serves it; the benchmark does not build the web app itself.
  if (!existsSync(join(REPO_DIR, 'apps/web/dist/index.html'))) {
    const message = 'canvas: apps/web/dist is missing; run `npx pnpm --filter @baton/web build` first';
    return { rows, raw, errors: config.mode === 'smoke' ? [] : [message], skipped: message };
  }
  log('canvas: building the plain React Flow peer page');
  await buildPeerPage();
  rows.push(...(await scriptRows(log)));

  for (const nodes of config.canvas.nodes) {
    const results: Partial<Record<'ours' | 'peer', CanvasCaseResult>> = {};
    for (const impl of ['ours', 'peer'] as const) {
      const key = `${impl} ${nodes} nodes`;
      log(`canvas: ${key}`);
      try {
        const argv = toArgv({
          impl,
          nodes,
          'measure-ms': config.canvas.measureMs,
          events: impl === 'ours' ? config.canvas.runEvents : 0,
          warmup: Math.min(config.warmup, 1),
          runs: config.runs,
        });
        const result = await runCase<CanvasCaseResult>('canvas', argv, { timeoutMs: 20 * 60_000 });
        results[impl] = result;
        raw[key] = result;
      } catch (error) {
        errors.push(`canvas ${key}: ${(error as Error).message}`);
      }
    }
    const { ours, peer } = results;
    const group = `canvas ${nodes.toLocaleString('en-US')} nodes`;
    const goalSize = nodes === 1000;
    const fpsRow = (label: string, pick: (r: CanvasCaseResult) => number[]) => {
      const r = row({
        group,
        label,
        unit: 'fps',
        ours: ours ? summarize(pick(ours)) : null,
        peer: peer ? summarize(pick(peer)) : null,
      });
      return goalSize ? { ...r, goal: 'ours >= 0.8x peer', met: r.ratio === null ? null : r.ratio >= 0.8 } : r;
    };
    rows.push(
      row({
        group,
        label: 'time to render every node and edge',
        unit: 'ms',
        ours: ours ? summarize(ours.renderMs) : null,
        peer: peer ? summarize(peer.renderMs) : null,
      }),
      fpsRow('frame rate while panning', (r) => r.panFps),
      fpsRow('frame rate while dragging a node', (r) => r.dragFps),
    );
    if (ours?.events) {
      const longest = ours.events.longestTaskMs;
      rows.push({
        ...row({
          group,
          // Long tasks are those over 50 ms: 0 means there was none.
          label: `longest main-thread task while ${ours.events.eventsArrived.toLocaleString('en-US')} run events arrive (${ours.events.longTasks} over 50 ms)`,
          unit: 'ms',
          ours: summarize([longest]),
          peer: null,
        }),
        goal: goalSize ? 'no task over 50 ms' : null,
        met: goalSize ? longest <= 50 : null,
        note: `${ours.events.longTasks} long tasks in ${ours.events.seconds.toFixed(1)} s`,
      });
    }
  }
  return { rows, raw, errors };
}

/** The script each page needs before it shows, gzipped, from the build manifests: exact, so one figure each. */
async function scriptRows(log: (line: string) => void): Promise<Row[]> {
  log('canvas: building our web app with a manifest to count its script');
  const outDir = mkdtempSync(join(tmpdir(), 'baton-bench-web-'));
  try {
    await buildWebAppWithManifest(outDir);
    const manifest = readManifest(outDir);
    const kb = (keys: string[]) => scriptSize(outDir, manifest, keys).gzipBytes / 1024;
    // The plain React Flow page: one screen, its entry.
    const peer = scriptSize(PEER_DIST, readManifest(PEER_DIST), ['index.html']).gzipBytes / 1024;
    const screen = (label: string, page: string) => ({
      ...row({
        group: 'canvas first screen',
        label: `script before ${label} shows (gzipped)`,
        unit: 'KB',
        ours: summarize([kb(['index.html', page])]),
        peer: summarize([peer]),
      }),
      goal: 'under 300 KB',
      met: kb(['index.html', page]) < 300,
    });
    return [screen('the graph list', 'src/graphs/GraphsPage.tsx'), screen('the editor', 'src/pages/EditorPage.tsx')];
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}
