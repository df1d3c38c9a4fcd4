// The workbench at real screen sizes: room for the trace and the action's detail after a run, a readable fit that
// keeps nodes clear of the minimap, honest node states (CANCELLED, WAITING) and the app-wide count of decisions.
import type { GraphDocument } from '@baton/contracts';
import { type APIRequestContext, expect, type Page, test } from '@playwright/test';
import { importGraph, readExample, updateDraft } from '../pages/run-api';
import { RunPage } from '../pages/run-page';
import { canvasZoom, cutTraceLabels, nodeBoxes, overlaps, traceRowsInView, wholeInWindow } from '../pages/workbench';
import { docsScreenshotPath } from '../support/docs-screenshot';

const SIZES = [
  { width: 1024, height: 700 },
  { width: 1440, height: 900 },
  { width: 1920, height: 1080 },
] as const;

async function fitView(page: Page): Promise<void> {
  await page.getByTestId('fit-view').click();
  // The fit animates for 300 ms.
  await page.waitForTimeout(450);
}

for (const size of SIZES) {
  test(`at ${size.width}x${size.height}: a readable fit, nodes clear of the minimap, the trace and the detail in view`, async ({
    page,
    request,
  }, testInfo) => {
    await page.setViewportSize(size);
    const graph = await importGraph(request, readExample('research-and-write'));
    const run = new RunPage(page);
    await run.open(graph.id);
    await expect(run.node('research')).toBeVisible();

    // Nothing is selected: the inspector takes no room and the canvas keeps most of the width.
    await expect(page.getByTestId('inspector')).toHaveCount(0);
    const canvas = (await page.locator('.react-flow').boundingBox())!;
    expect(canvas.width / size.width).toBeGreaterThan(0.7);

    await fitView(page);
    const zoom = await canvasZoom(page);
    testInfo.annotations.push({ type: 'zoom after fit', description: zoom.toFixed(2) });
    expect(zoom).toBeGreaterThanOrEqual(0.75);
    const minimap = page.locator('.baton-minimap');
    if (await minimap.isVisible()) {
      const map = (await minimap.boundingBox())!;
      for (const node of await nodeBoxes(page)) expect(overlaps(node, map)).toBe(false);
    }

    await run.start('Write a short briefing on heat pumps for homeowners');
    await run.expectRunStatus('completed');
    const rows = run.traceRows;
    await rows.nth(3).click();
    const detail = page.getByTestId('action-detail');
    await expect(detail).toBeVisible();
    const inView = await traceRowsInView(page);
    testInfo.annotations.push({ type: 'trace rows in view', description: String(inView) });
    expect(await wholeInWindow(detail.locator('.trace-detail-head'))).toBe(true);
    const cut = await cutTraceLabels(page);
    testInfo.annotations.push({ type: 'cut labels', description: cut.join(', ') || 'none' });
    // No label cut at any size (a narrow list moves the figures over the bar column); the bar: a 1440x900
    // screen or larger also shows ten rows and the detail.
    expect(cut).toEqual([]);
    if (size.width >= 1440) expect(inView).toBeGreaterThanOrEqual(10);
    await page.mouse.move(0, 0);
    await page.screenshot({ path: docsScreenshotPath(`workbench-${size.width}x${size.height}.png`, testInfo) });
  });
}

test('a cancelled run shows CANCELLED on the nodes it stopped, none FAILED', async ({ page, request }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  // A run held by a person's decision: it is surely going on when the cancel comes (a simulated run takes ~2 s).
  const imported = await importGraph(request, readExample('research-and-write'));
  const graph = await updateDraft(request, imported, editorBuilt);
  const run = new RunPage(page);
  await run.open(graph.id);
  await run.start('Write a long report on the history of tea');
  await expect(run.escalationDialog).toBeVisible({ timeout: 60_000 });
  await run.escalationDialog.getByRole('button', { name: 'Later' }).click();
  await run.cancelButton.click();
  await run.expectRunStatus('cancelled');
  const cancelled = page.locator('[data-testid^="node-"][data-status="cancelled"]');
  await expect(cancelled.first()).toBeVisible();
  await expect(cancelled.first().getByTestId('node-status')).toHaveText(/^cancelled$/i);
  await expect(page.locator('[data-testid^="node-"][data-status="failed"]')).toHaveCount(0);
  await expect(page.locator('[data-testid="trace-row"][data-status="failed"]')).toHaveCount(0);
  await expect(page.locator('[data-testid="trace-row"][data-status="cancelled"]').first()).toBeVisible();
});

/** The example with ids as the editor makes them (n_ and hex), so the names cannot come from the ids. */
function editorBuilt(document: GraphDocument): GraphDocument {
  const ids = new Map(document.nodes.map((node, index) => [node.id, `n_${(0x0408602c9210 + index).toString(16)}`]));
  const id = (old: string) => ids.get(old) ?? old;
  return {
    ...document,
    nodes: document.nodes.map((node) => ({ ...node, id: id(node.id) })),
    edges: document.edges.map((edge) => {
      const contract =
        edge.kind === 'handoff' && edge.contract ? { contract: { ...edge.contract, requiredConfidence: 0.95 } } : {};
      return { ...edge, source: id(edge.source), target: id(edge.target), ...contract };
    }) as GraphDocument['edges'],
  };
}

test('a handoff waiting for a person: WAITING on its node, named agents, the header count and the editor note', async ({
  page,
  request,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const imported = await importGraph(request, readExample('research-and-write'));
  const graph = await updateDraft(request, imported, editorBuilt);
  const research = graph.draft.nodes.find((node) => node.data.name === 'research')!.id;
  const run = new RunPage(page);
  await run.open(graph.id);
  // The count is app-wide: runs other specs left waiting on this server count too, so this run adds one to them.
  const header = page.getByTestId('waiting-decisions');
  const waitingBefore = await waitingCount(request);
  await expect(header).toHaveCount(waitingBefore === 0 ? 0 : 1);
  await run.start('Write a short briefing on heat pumps for homeowners');

  const dialog = run.escalationDialog;
  await expect(dialog).toBeVisible({ timeout: 60_000 });
  await expect(dialog.getByTestId('escalation-handoff')).toHaveText('research → writer');
  await expect(run.node(research)).toHaveAttribute('data-status', 'escalated');
  await expect(run.node(research).getByTestId('node-status')).toHaveText(/^waiting$/i);
  // The header learns of the wait by polling: within 2 s of it.
  await expect(header).toHaveAttribute('data-count', String(waitingBefore + 1), { timeout: 2_000 });

  await dialog.getByRole('button', { name: 'Later' }).click();
  await page.goto(`/graphs/${graph.id}`);
  await expect(page.getByTestId('waiting-run-hint')).toContainText('research → writer');
  await page.getByTestId('waiting-run-open').click();
  await expect(dialog).toBeVisible();
  await dialog.getByTestId('escalation-approve').click();
  if (waitingBefore === 0) await expect(header).toHaveCount(0, { timeout: 2_000 });
  else await expect(header).toHaveAttribute('data-count', String(waitingBefore), { timeout: 2_000 });
  await run.expectRunStatus('completed');
});

/** How many decisions wait on the server now, across every run. */
async function waitingCount(request: APIRequestContext): Promise<number> {
  const response = await request.get('/api/escalations?status=waiting');
  expect(response.status()).toBe(200);
  const body = (await response.json()) as { items: unknown[] };
  return body.items.length;
}
