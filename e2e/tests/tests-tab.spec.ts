// Test cases in the editor: a past run saved as a case, a changed instruction seen as a divergence on the right
// step in the Tests tab (offline), then the instruction restored and the case passing again.
import type { TestCaseSummary } from '@baton/contracts';
import { expect, test } from '@playwright/test';
import { EditorPage } from '../pages/editor-page';
import { importGraph, readExample } from '../pages/run-api';
import { RunPage } from '../pages/run-page';
import { TestsPage } from '../pages/tests-page';

test('save a run as a test case, see a changed instruction diverge on its step, restore it and pass', async ({
  page,
  request,
}) => {
  const graph = await importGraph(request, readExample('peer-review'));
  const run = new RunPage(page);
  const editor = new EditorPage(page);
  const tests = new TestsPage(page);
  await run.open(graph.id);
  await run.start('Write a short note about relay batons');
  await run.expectRunStatus('completed');

  // The dialog is prefilled from the run: its final status and no escalation.
  await tests.saveButton.click();
  await expect(tests.saveDialog.getByTestId('case-status')).toHaveValue('completed');
  await expect(tests.saveDialog.getByTestId('case-no-escalation')).toBeChecked();
  await tests.saveDialog.getByTestId('case-name').fill('relay note');
  await tests.saveDialog.getByTestId('case-save').click();
  await expect(page.getByTestId('run-case-saved')).toContainText('relay note');
  const saved = (await (await request.get(`/api/graphs/${graph.id}/tests`)).json()) as { items: TestCaseSummary[] };
  expect(saved.items.map((c) => c.name)).toEqual(['relay note']);
  // Saving a case makes no version of the graph.
  const versions = async () =>
    ((await (await request.get(`/api/graphs/${graph.id}/versions`)).json()) as { items: unknown[] }).items.length;
  const versionCount = await versions();

  await editor.selectNode('writer');
  const instructions = editor.inspector.getByTestId('field-instructions');
  const original = await instructions.inputValue();
  await instructions.fill('Write only limericks about the subject.');
  await editor.waitSaved();

  await tests.tab.click();
  await expect(tests.cases).toHaveCount(1);
  let row = await tests.run('relay note');
  await expect(row.getByTestId('case-verdict')).toHaveAttribute('data-verdict', 'diverged');
  const writerStep = tests.step(row, 'writer/call');
  await expect(writerStep).toHaveAttribute('data-status', 'diverged');
  await expect(writerStep).toContainText('The system message (the instructions) changed');
  await expect(writerStep.locator('.case-now')).toContainText('limericks');
  await expect(row.locator('[data-testid="case-step"][data-status="not_reached"]').first()).toBeVisible();

  await editor.selectNode('writer');
  await instructions.fill(original);
  await editor.waitSaved();
  row = await tests.run('relay note');
  await expect(row.getByTestId('case-verdict')).toHaveAttribute('data-verdict', 'passed');
  await expect(row.getByTestId('case-result')).toContainText('0 model calls');
  expect(await versions()).toBe(versionCount);
});
