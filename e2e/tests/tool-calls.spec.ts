// The fifth example offline: the simulated analyst calls the built-in calculator, and the trace shows the call
// (tool, arguments, result, time) live in the browser.
import { expect, test } from '@playwright/test';
import { getTrace, importGraph, readExample, TOOLS_EXAMPLE } from '../pages/run-api';
import { RunPage } from '../pages/run-page';

test('the calculator-tools example runs offline with its tool call in the trace', async ({ page, request }) => {
  const graph = await importGraph(request, readExample(TOOLS_EXAMPLE));
  const run = new RunPage(page);
  await page.setViewportSize({ width: 1440, height: 1000 });
  await run.open(graph.id);
  const runId = await run.start('What is the square root of 16, doubled?');
  await run.expectRunStatus('completed');

  const row = page.locator('[data-testid="trace-row"][data-action-type="tool_call"]');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('calculator');
  await row.click();
  const detail = page.getByTestId('tool-call');
  await expect(detail.getByTestId('tool-call-name')).toHaveText('calculator (builtin)');
  await expect(detail.getByTestId('tool-call-arguments')).toContainText('"expression": "sqrt(16) * 2"');
  await expect(detail.getByTestId('tool-call-result')).toHaveText('8');
  await expect(detail.getByTestId('tool-call-time')).toHaveText(/\d/);

  // The stored trace agrees: one completed tool_call step, and the answer quotes its result.
  const trace = await getTrace(request, runId);
  const calls = trace.events.filter((e) => e.type === 'action.started' && e.actionType === 'tool_call');
  expect(calls).toHaveLength(1);
  const completed = trace.events.find((e) => e.type === 'run.completed');
  expect(completed && completed.type === 'run.completed' && JSON.stringify(completed.result)).toContain('8');
});
