// The optional JSON input of a run: checked in the browser against the input node's schema before it is sent.
import { expect, test } from '@playwright/test';
import { getRun, importGraph, readExample, updateDraft } from '../pages/run-api';
import { RunPage } from '../pages/run-page';

test('a JSON input is checked against the input schema, then goes with the run', async ({ page, request }) => {
  const imported = await importGraph(request, readExample('peer-review'));
  const graph = await updateDraft(request, imported, (document) => {
    for (const node of document.nodes) {
      if (node.kind === 'input') {
        node.data.inputSchema = {
          type: 'object',
          properties: { audience: { type: 'string' }, words: { type: 'integer', minimum: 10 } },
          required: ['audience'],
        };
      }
    }
    return document;
  });
  const run = new RunPage(page);
  await run.open(graph.id);
  await run.goal.fill('Write a product announcement for a solar kettle');
  await page.getByText('JSON input').click();
  const input = page.getByTestId('run-input');

  await input.fill('{"audience": ');
  await expect(page.getByTestId('run-input-problems')).toContainText('Not valid JSON');
  await expect(run.runButton).toBeDisabled();

  await input.fill('{"words": 3}');
  const problems = page.getByTestId('run-input-problems');
  await expect(problems).toContainText('audience');
  await expect(problems).toContainText('$.words');
  await expect(run.runButton).toBeDisabled();

  await input.fill('{"audience": "campers", "words": 120}');
  await expect(page.getByTestId('run-input-problems')).toBeHidden();
  const runId = await run.start('Write a product announcement for a solar kettle');
  await run.expectRunStatus('completed');
  expect((await getRun(request, runId)).input).toEqual({ audience: 'campers', words: 120 });
});
