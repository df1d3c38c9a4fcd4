// A run that meets its budget ends failed, saying which limit it met, with what was spent and the limits shown.
import { expect, test } from '@playwright/test';
import { importGraph, readExample, updateDraft } from '../pages/run-api';
import { RunPage } from '../pages/run-page';

test('a run that meets its budget ends failed with the reason and the figures', async ({ page, request }) => {
  const imported = await importGraph(request, readExample('peer-review'));
  const graph = await updateDraft(request, imported, (document) => ({ ...document, budget: { maxModelCalls: 2 } }));
  const run = new RunPage(page);
  await run.open(graph.id);
  await run.start('Write a product announcement for a solar kettle');
  await run.expectRunStatus('failed');
  await expect(run.status).toContainText('maxModelCalls is 2');
  await expect(page.locator('[data-testid="trace-row"][data-status="failed"]').first()).toBeVisible();

  await run.tab('result').click();
  await expect(page.getByTestId('run-totals')).toContainText('Model calls2');
  await expect(page.getByTestId('run-budget')).toContainText('2 model calls');
  await expect(page.getByTestId('run-result')).toContainText('Budget maxModelCalls reached: spent 2 of 2.');
});
