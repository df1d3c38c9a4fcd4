// Reload the page mid-run: the trace picks up from the stored events and goes on live, every action exactly once.
import { expect, test } from '@playwright/test';
import { actionIds, getRun, getTrace, importGraph, readExample, updateDraft } from '../pages/run-api';
import { RunPage } from '../pages/run-page';

test('reloading mid-run continues the trace with every action exactly once', async ({ page, request }) => {
  // The contract asks for more confidence than the simulated provider gives, so the run pauses half-way for a
  // person: a mid-run moment that does not depend on the provider's pace.
  const imported = await importGraph(request, readExample('research-and-write'));
  const graph = await updateDraft(request, imported, (document) => {
    for (const edge of document.edges) {
      if (edge.kind === 'handoff' && edge.contract) edge.contract.requiredConfidence = 0.95;
    }
    return document;
  });
  const run = new RunPage(page);
  await run.open(graph.id);
  const runId = await run.start('Write a short briefing on heat pumps for homeowners');
  await expect(run.escalationDialog).toBeVisible({ timeout: 30_000 });
  const before = await run.counts();
  expect((await getRun(request, runId)).status).toBe('waiting');

  await page.reload();
  // The fresh page replays the stored events from the start: the same run, the same point, the same question.
  await expect(run.status).toHaveAttribute('data-run-id', runId);
  await expect(run.escalationDialog).toBeVisible();
  await expect.poll(async () => (await run.counts()).events).toBeGreaterThanOrEqual(before.events);
  await expect(run.status).toHaveAttribute('data-status', 'waiting');

  // The run goes on live after the reload, to the end.
  await run.escalationDialog.getByTestId('escalation-approve').click();
  await run.expectRunStatus('completed');
  const trace = await getTrace(request, runId);
  const counts = await run.counts();
  expect(counts.events).toBe(trace.events.length);
  expect(counts.lastSeq).toBe(trace.events.length);
  expect(counts.actions).toBe(actionIds(trace.events).length);
  expect(counts.events).toBeGreaterThan(before.events);
  const shown = await run.visibleActionIds();
  expect(new Set(shown).size).toBe(shown.length);
});
