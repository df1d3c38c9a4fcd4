// Screenshots of the editor for the docs, light and dark, with the research-and-write example open and its
// contract edge selected. Written to docs/ when BATON_SCREENSHOTS=1, else to test-results (and still checked).
import { expect, test } from '@playwright/test';
import { EditorPage } from '../pages/editor-page';
import { GraphApi } from '../pages/graph-api';
import { docsScreenshotPath } from '../support/docs-screenshot';

test.use({ viewport: { width: 1600, height: 1000 }, deviceScaleFactor: 1.5 });

for (const colorScheme of ['light', 'dark'] as const) {
  test(`editor screenshot, ${colorScheme}`, async ({ page, request }, testInfo) => {
    const api = new GraphApi(request);
    const editor = new EditorPage(page);
    const graph = await api.importExample('research-and-write');
    // The seeded example has the name, so the import is "Research and write (2)": the picture shows the plain name.
    await request.patch(`/api/graphs/${graph.id}`, { data: { name: 'Research and write' } });
    await page.emulateMedia({ colorScheme });
    await editor.goto(graph.id);
    await expect(editor.node('research')).toBeVisible();
    await expect(page.getByText('No problems: this graph can run.')).toBeVisible();
    await editor.selectEdge('research-writer');
    await expect(editor.inspector.getByTestId('field-contract-name')).toHaveValue('research_findings');
    await page.getByRole('button', { name: 'Fit view', exact: true }).click();
    // No hover state in the picture; let the fit animation and fonts settle.
    await page.mouse.move(0, 0);
    await page.waitForTimeout(600);
    await page.screenshot({ path: docsScreenshotPath(`editor-${colorScheme}.png`, testInfo) });
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe(colorScheme === 'dark' ? 'rgb(15, 15, 17)' : 'rgb(255, 255, 255)');
  });
}
