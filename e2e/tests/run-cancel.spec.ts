// Cancel a run mid-way: it ends cancelled, and what was running stops.
import { expect, test } from '@playwright/test';
import { getRun, importGraph, wideGraph } from '../pages/run-api';
import { RunPage } from '../pages/run-page';

test('a run cancelled mid-way ends cancelled', async ({ page, request }) => {
  // Twelve workers, two at a time: the run lasts several seconds, so the cancel surely comes while it works (an
  // example's run is over in about two seconds, which a busy machine's test steps could miss).
  const document = wideGraph(12);
  const nodes = document.nodes.map((node) =>
    node.id === 'lead' ? { ...node, data: { ...node.data, concurrency: 2 } } : node,
  );
  const graph = await importGraph(request, { ...document, nodes });
  const run = new RunPage(page);
  await run.open(graph.id);
  const runId = await run.start('Write a long report on the history of tea');

  await expect(page.locator('[data-testid^="node-"][data-status="running"]').first()).toBeVisible();
  await run.cancelButton.click();
  await run.expectRunStatus('cancelled');
  await expect(run.cancelButton).toBeHidden();
  await expect(page.locator('[data-testid^="node-"][data-status="running"]')).toHaveCount(0);
  expect((await getRun(request, runId)).status).toBe('cancelled');
});
