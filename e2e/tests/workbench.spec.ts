// The workbench at real screen sizes: room for the trace and the action's detail after a run, a readable fit that
// keeps nodes clear of the minimap, honest node states (CANCELLED, WAITING) and the app-wide count of decisions.
import type { GraphDocument } from '@baton/contracts';
import { expect, type Page, test } from '@playwright/test';
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
    if (size.width >= 1440) expect(inView).toBeGreaterThanOrEqual(10);
    expect(await wholeInWindow(detail.locator('.trace-detail-head'))).toBe(true);
    expect(await cutTraceLabels(page)).toEqual([]);
    await page.mouse.move(0, 0);
    await page.screenshot({ path: docsScreenshotPath(`workbench-${size.width}x${size.height}.png`, testInfo) });
  });
}
