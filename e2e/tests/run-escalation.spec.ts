// A contract asks for more confidence than the simulated provider gives: the run waits, a person edits and approves.
import type { GraphDocument } from '@baton/contracts';
import { expect, test } from '@playwright/test';
import { getTrace, importGraph, readExample, updateDraft } from '../pages/run-api';
import { RunPage } from '../pages/run-page';
import { docsScreenshotPath } from '../support/docs-screenshot';

/** The example's research -> writer contract, raised above the simulated provider's confidence (0.9). */
function demandingContract(document: GraphDocument): GraphDocument {
  for (const edge of document.edges) {
    if (edge.kind === 'handoff' && edge.contract) edge.contract = { ...edge.contract, requiredConfidence: 0.95 };
  }
  return document;
}

test('an escalated handoff is edited against its contract, approved, and the run completes', async ({
  page,
  request,
}, testInfo) => {
  const imported = await importGraph(request, readExample('research-and-write'));
  const graph = await updateDraft(request, imported, demandingContract);
  const run = new RunPage(page);
  await run.open(graph.id);
  const runId = await run.start('Write a short briefing on heat pumps for homeowners');

  const dialog = run.escalationDialog;
  await expect(dialog).toBeVisible({ timeout: 60_000 });
  await run.expectRunStatus('waiting');
  await expect(run.node('research')).toHaveAttribute('data-status', 'escalated');
  await expect(dialog.getByTestId('escalation-confidence')).toContainText('0.95');
  await expect(dialog.getByTestId('escalation-payload')).toContainText('key_findings');
  await page.screenshot({ path: docsScreenshotPath('escalation.png', testInfo) });

  // An edit that breaks the contract is refused in the browser, with where and why.
  await dialog.getByTestId('escalation-edit').click();
  const editor = dialog.getByTestId('escalation-payload-input');
  await editor.fill('{"key_findings": "not a list", "confidence": 0.99}');
  await dialog.getByTestId('escalation-send-edit').click();
  await expect(dialog.getByTestId('escalation-problems')).toContainText('$.key_findings');
  await expect(dialog).toBeVisible();

  // A good edit goes on, and the run carries on live to the end.
  const edited = {
    sources: [{ title: 'Checked by a person' }],
    key_findings: ['Heat pumps move heat rather than make it.'],
    confidence: 0.99,
  };
  await editor.fill(JSON.stringify(edited));
  await dialog.getByTestId('escalation-send-edit').click();
  await expect(dialog).toBeHidden();
  await run.expectRunStatus('completed');

  const trace = await getTrace(request, runId);
  const resolved = trace.events.find((e) => e.type === 'escalation.resolved');
  expect(resolved).toMatchObject({ decision: 'edit', payload: edited });
  await expect(run.node('writer')).toHaveAttribute('data-status', 'completed');
});

test('a rejected handoff stops its branch, and the run ends saying so', async ({ page, request }) => {
  const imported = await importGraph(request, readExample('research-and-write'));
  const graph = await updateDraft(request, imported, demandingContract);
  const run = new RunPage(page);
  await run.open(graph.id);
  const runId = await run.start('Write a short briefing on heat pumps for homeowners');
  await expect(run.escalationDialog).toBeVisible({ timeout: 60_000 });
  await run.escalationDialog.getByTestId('escalation-reject').click();
  await expect(run.escalationDialog).toBeHidden();
  await run.expectRunStatus('failed');
  // The refused handoff's edge shows it on the canvas.
  await expect(page.locator('.react-flow__edge-path.run-rejected')).toHaveCount(1);
  const trace = await getTrace(request, runId);
  expect(trace.events.find((e) => e.type === 'escalation.resolved')).toMatchObject({ decision: 'reject' });
  expect(trace.events.some((e) => e.type === 'handoff.rejected' && e.reason === 'rejected_by_person')).toBe(true);
  await expect(run.node('writer')).not.toHaveAttribute('data-status', 'completed');
});
