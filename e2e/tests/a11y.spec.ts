// Accessibility: axe-core finds no serious or critical violation on the graph list, the editor, a live run and the
// escalation dialog.
import type { GraphDocument } from '@baton/contracts';
import { expect, test } from '@playwright/test';
import { seriousViolations } from '../pages/axe';
import { GraphsPage } from '../pages/graphs-page';
import { importGraph, readExample, updateDraft, wideGraph } from '../pages/run-api';
import { RunPage } from '../pages/run-page';

test('the graph list and the editor', async ({ page, request }) => {
  const graph = await importGraph(request, readExample('research-and-write'));
  const graphs = new GraphsPage(page);
  await graphs.goto();
  await expect(graphs.row(graph.id)).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  const run = new RunPage(page);
  await run.open(graph.id);
  await expect(run.node('lead')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test('a live run', async ({ page, request }) => {
  test.setTimeout(180_000);
  // Many workers, a few at a time: the run stays live for a while, with the trace filling.
  const document = wideGraph(40);
  const nodes = document.nodes.map((node) =>
    node.id === 'lead' ? { ...node, data: { ...node.data, concurrency: 2 } } : node,
  );
  const graph = await importGraph(request, { ...document, nodes });
  const run = new RunPage(page);
  await run.open(graph.id);
  await run.start('Write a field guide to the birds of Europe');
  await expect(run.traceRows.first()).toBeVisible();
  await run.expectRunStatus('running');
  expect(await seriousViolations(page)).toEqual([]);
});

test('the escalation dialog', async ({ page, request }) => {
  const imported = await importGraph(request, readExample('research-and-write'));
  // The research -> writer contract asks for more confidence than the simulated provider gives: the run waits.
  const graph = await updateDraft(request, imported, (document: GraphDocument) => {
    for (const edge of document.edges) {
      if (edge.kind === 'handoff' && edge.contract) edge.contract = { ...edge.contract, requiredConfidence: 0.95 };
    }
    return document;
  });
  const run = new RunPage(page);
  await run.open(graph.id);
  await run.start('Write a short briefing on heat pumps for homeowners');
  await expect(run.escalationDialog).toBeVisible({ timeout: 60_000 });
  expect(await seriousViolations(page)).toEqual([]);
});
