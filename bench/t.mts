import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium, preparePage } from './src/canvas/browser';
import { canvasGraph } from './src/canvas/generate';
import { panFps } from './src/canvas/gestures';
import { findNodePoint, findPanePoint, installProbes } from './src/canvas/probes';
import { importGraph } from './src/harness/our-api';
import { REPO_DIR, startOurServer } from './src/streams/processes';

const server = await startOurServer({
  BATON_DATA_DIR: mkdtempSync(join(tmpdir(), 'p-')),
  BATON_WEB_DIR: join(REPO_DIR, 'apps/web/dist'),
});
const graph = canvasGraph(100);
const id = await importGraph(server.baseUrl, graph);
const b = await launchChromium();
const page = await b.newPage({ viewport: { width: 1280, height: 800 } });
await preparePage(page);
await page.addInitScript(installProbes, { nodes: graph.nodes.length, edges: graph.edges.length });
await page.goto(`${server.baseUrl}/graphs/${id}`);
await page.waitForFunction(() => window.__bench.renderedAt !== null);
console.log('pane', await page.evaluate(findPanePoint));
console.log('pan fps', await panFps(page, 1500));
await page.screenshot({ path: '/tmp/bprof/ours-after-pan.png' });
console.log(await page.evaluate(findNodePoint));
console.log(
  await page.evaluate(() =>
    [...document.querySelectorAll('.react-flow__node')].slice(0, 3).map((e) => {
      const r = e.getBoundingClientRect();
      const el = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      return [Math.round(r.left), Math.round(r.top), el?.className];
    }),
  ),
);
await b.close();
await server.stop();
