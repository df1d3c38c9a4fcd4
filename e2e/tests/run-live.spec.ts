// Runs each example graph from the browser and watches node states and the trace fill live to completion.
import { expect, test } from '@playwright/test';
import { actionIds, EXAMPLES, type ExampleName, getTrace, importGraph, readExample } from '../pages/run-api';
import { RunPage } from '../pages/run-page';
import { docsScreenshotPath } from '../support/docs-screenshot';

const GOALS: Record<ExampleName, string> = {
  'research-and-write': 'Write a short briefing on heat pumps for homeowners',
  'specialist-routing': 'Review this code for bugs: function add(a, b) { return a - b }',
  'peer-review': 'Write a product announcement for a solar kettle',
  'peer-mesh': 'Should a small team adopt a monorepo?',
};

/** Records every run status each canvas node shows, in order, as it changes in the page. */
async function recordNodeStatuses(page: import('@playwright/test').Page): Promise<void> {
  await page.evaluate(() => {
    const seen: Record<string, string[]> = {};
    (window as unknown as { __nodeStatuses: typeof seen }).__nodeStatuses = seen;
    const note = (el: Element) => {
      const id = el.getAttribute('data-testid')?.slice('node-'.length);
      const status = el.getAttribute('data-status');
      if (!id || !status) return;
      const list = seen[id] ?? [];
      seen[id] = list;
      if (list.at(-1) !== status) list.push(status);
    };
    new MutationObserver((records) => {
      for (const record of records) {
        if (record.type === 'attributes') note(record.target as Element);
        else
          for (const node of record.addedNodes)
            if (node instanceof Element) node.querySelectorAll('[data-testid^="node-"]').forEach(note);
      }
    }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-status'] });
  });
}

for (const example of EXAMPLES) {
  test(`runs the ${example} example live to completion`, async ({ page, request }, testInfo) => {
    const document = readExample(example);
    const graph = await importGraph(request, document);
    const run = new RunPage(page);
    // Room for the canvas and the run panel side by side (the screenshot in docs/ is taken from this test).
    await page.setViewportSize({ width: 1440, height: 1000 });
    await run.open(graph.id);
    await recordNodeStatuses(page);

    const runId = await run.start(GOALS[example]);
    // Live: some node is working while the trace fills.
    await expect(page.locator('[data-testid^="node-"][data-status="running"]').first()).toBeVisible();
    await expect(run.traceRows.first()).toBeVisible();
    if (example === 'research-and-write') {
      await expect(run.node('lead')).toHaveAttribute('data-status', 'running');
      // A fuller trace for the picture.
      await expect.poll(async () => (await run.counts()).actions).toBeGreaterThanOrEqual(10);
      await page.locator('[data-testid="trace-row"][data-agent-id="lead"]').first().click();
      await run.status.evaluate((el) => el.scrollIntoView({ block: 'start' }));
      // The picture in docs/ is of a live run: on a machine so busy that the run has ended, keep the last one.
      if ((await run.status.getAttribute('data-status')) === 'running') {
        await page.screenshot({ path: docsScreenshotPath('run-live.png', testInfo) });
      }
    }

    await run.expectRunStatus('completed');
    const trace = await getTrace(request, runId);
    const counts = await run.counts();
    // Every stored event applied exactly once, none missing.
    expect(counts.events).toBe(trace.events.length);
    expect(counts.lastSeq).toBe(trace.events.length);
    expect(counts.actions).toBe(actionIds(trace.events).length);

    // The canvas changed live: agents were seen running, then succeeded. An agent that started a second or more
    // into the run started after the page was listening, so it must have been seen running; one that ran before
    // the stream connected arrives in the replay already finished.
    const statuses = await page.evaluate(
      () => (window as unknown as { __nodeStatuses: Record<string, string[]> }).__nodeStatuses,
    );
    const runStart = trace.events[0]?.at ?? 0;
    const nodeStarts = new Map(
      trace.events.flatMap((e) => (e.type === 'action.started' && e.actionType === 'node' ? [[e.agentId, e.at]] : [])),
    );
    let seenRunning = 0;
    for (const node of document.nodes) {
      const startedAt = nodeStarts.get(node.id);
      if (node.kind === 'input' || node.kind === 'output' || startedAt === undefined) continue;
      const seen = statuses[node.id] ?? [];
      await expect(run.node(node.id)).toHaveAttribute('data-status', 'completed');
      if (seen.includes('running')) {
        seenRunning++;
        expect(seen.indexOf('running'), `statuses of ${node.id}`).toBeLessThan(seen.lastIndexOf('completed'));
      } else {
        expect(startedAt - runStart, `${node.id} started late but was never seen running`).toBeLessThan(1000);
      }
    }
    expect(seenRunning).toBeGreaterThan(0);
    if (example === 'specialist-routing') {
      await expect(run.node('code_review')).toHaveAttribute('data-status', 'completed');
      await expect(run.node('content_writing')).toHaveAttribute('data-status', /skipped|idle/);
    }

    // The result is shown with its totals.
    await run.tab('result').click();
    await expect(page.getByTestId('run-result-body')).not.toBeEmpty();
    await expect(page.getByTestId('run-total-tokens')).not.toHaveText('0');

    if (example === 'research-and-write') {
      // Clicking a node on the canvas filters the trace to it and opens its activation...
      await run.tab('trace').click();
      await run.node('writer').click();
      await expect(page.getByTestId('trace-filter-agent')).toHaveValue('writer');
      const rows = run.traceRows.and(page.locator(':not(.context)'));
      await expect(rows.first()).toBeVisible();
      const agents = await rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-agent-id')));
      expect(new Set(agents)).toEqual(new Set(['writer']));
      await expect(page.getByTestId('action-detail')).toContainText('writer');
      // ...and choosing an action in the trace selects its node on the canvas.
      await page.getByTestId('trace-filter-agent').selectOption('');
      await page.locator('[data-testid="trace-row"][data-agent-id="research"]').first().click();
      await expect(run.node('research')).toHaveClass(/is-selected/);
      await expect(page.getByTestId('trace-filter-agent')).toHaveValue('');
    }

    // Choosing an action shows its details: agent, model, input hash.
    await run.tab('trace').click();
    await run.traceRows.first().click();
    const detail = page.getByTestId('action-detail');
    await expect(detail).toContainText('Input hash');
    await expect(detail.locator('code.hash')).toHaveText(/^[0-9a-f]{64}$/);
  });
}
