// Cancel a run mid-way: it ends cancelled, and what was running stops.
import { expect, test } from '@playwright/test';
import { getRun, importGraph, readExample } from '../pages/run-api';
import { RunPage } from '../pages/run-page';

test('a run cancelled mid-way ends cancelled', async ({ page, request }) => {
  const graph = await importGraph(request, readExample('research-and-write'));
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
