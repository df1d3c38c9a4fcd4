// Editing as people expect from Figma, n8n and Langflow: Shift+click, the context menu (mouse and Shift+F10), `?`,
// copy in one graph and paste in another through the system clipboard, and selecting and moving a node by keyboard.
import { expect, test } from '@playwright/test';
import { EditorPage } from '../pages/editor-page';
import { GraphApi } from '../pages/graph-api';
import { importGraph, readExample } from '../pages/run-api';

test.use({ viewport: { width: 1440, height: 900 } });

const selectedIds = (page: import('@playwright/test').Page) =>
  page.locator('.react-flow__node.selected').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-id')));

test('Shift+click adds to the selection, and the context menu acts on it', async ({ page, request }) => {
  const graph = await importGraph(request, readExample('research-and-write'));
  const editor = new EditorPage(page);
  await editor.goto(graph.id);
  await editor.selectNode('research');
  await editor
    .node('writer')
    .locator('.baton-node__header')
    .click({ modifiers: ['Shift'] });
  await expect.poll(async () => (await selectedIds(page)).sort()).toEqual(['research', 'writer']);
  await expect(editor.inspector).toContainText('2 selected');

  await editor.node('writer').locator('.baton-node__header').click({ button: 'right' });
  const menu = page.getByTestId('context-menu');
  await expect(menu.getByRole('menuitem', { name: /Copy 2 nodes/ })).toBeFocused();
  const before = (await editor.nodeIds()).length;
  await menu.getByRole('menuitem', { name: /Duplicate/ }).click();
  await expect(menu).toBeHidden();
  await expect.poll(async () => (await editor.nodeIds()).length).toBe(before + 2);

  // The canvas's own menu, and the same menu from the keyboard with nothing selected.
  await editor.pane.click({ position: { x: 60, y: 60 } });
  await editor.pane.click({ button: 'right', position: { x: 80, y: 80 } });
  await expect(menu.getByRole('menuitem', { name: /Fit view/ })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await editor.selectNode('lead');
  await page.keyboard.press('Shift+F10');
  await expect(menu.getByRole('menuitem', { name: /^Delete/ })).toBeVisible();
  await page.keyboard.press('Escape');

  await page.keyboard.press('?');
  await expect(page.getByTestId('shortcuts-dialog')).toContainText('Shift+F10');
});

test('nodes copied in one graph paste into another: new ids, unique names, inner edges only', async ({
  page,
  request,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const from = await importGraph(request, readExample('research-and-write'));
  const to = await importGraph(request, readExample('research-and-write'));
  const editor = new EditorPage(page);
  await editor.goto(from.id);
  await editor.selectNode('research');
  await editor
    .node('writer')
    .locator('.baton-node__header')
    .click({ modifiers: ['Shift'] });
  await page.keyboard.press('ControlOrMeta+C');
  // research and writer have edges to lead: those cannot come along, and the editor says so.
  await expect(page.getByRole('alert')).toContainText('left out');
  const snippet = JSON.parse(await page.evaluate(() => navigator.clipboard.readText()));
  expect(snippet).toMatchObject({ format: 'baton.nodes', version: 1 });

  await editor.goto(to.id);
  const before = new Set(await editor.nodeIds());
  await editor.pane.click({ position: { x: 40, y: 40 } });
  await page.keyboard.press('ControlOrMeta+V');
  await expect.poll(async () => (await editor.nodeIds()).length).toBe(before.size + 2);
  const api = new GraphApi(request);
  await expect
    .poll(async () => JSON.parse(await api.exportText(to.id)).nodes.length, { timeout: 10_000 })
    .toBe(before.size + 2);
  const document = JSON.parse(await api.exportText(to.id));
  const pasted = document.nodes.filter((node: { id: string }) => !before.has(node.id));
  const names = document.nodes.map((node: { data: { name: string } }) => node.data.name);
  expect(new Set(names).size).toBe(names.length);
  const pastedIds = new Set(pasted.map((node: { id: string }) => node.id));
  const pastedEdges = document.edges.filter(
    (edge: { source: string; target: string }) => pastedIds.has(edge.source) || pastedIds.has(edge.target),
  );
  expect(pastedEdges).toHaveLength(1);
  expect(pastedIds.has(pastedEdges[0].source) && pastedIds.has(pastedEdges[0].target)).toBe(true);

  // A snippet that fails validation pastes nothing and says why, with the JSON path.
  snippet.nodes[0].data.tier = 'enormous';
  await page.evaluate((text) => navigator.clipboard.writeText(text), JSON.stringify(snippet));
  const count = (await editor.nodeIds()).length;
  await editor.pane.click({ position: { x: 40, y: 40 } });
  await page.keyboard.press('ControlOrMeta+V');
  await expect(page.getByRole('alert')).toContainText('$.nodes[0].data.tier');
  expect((await editor.nodeIds()).length).toBe(count);
});

test('a node is reached and selected with the keyboard, and moved with the arrow keys', async ({ page, request }) => {
  const graph = await importGraph(request, readExample('research-and-write'));
  const editor = new EditorPage(page);
  await editor.goto(graph.id);
  // Tab walks the header, the toolbar, the palette and into the canvas's nodes.
  const reached = new Set<string>();
  for (let i = 0; i < 40 && !reached.has('node'); i++) {
    await page.keyboard.press('Tab');
    reached.add(
      await page.evaluate(() => {
        const el = document.activeElement;
        if (!el) return 'none';
        if (el.closest('.app-header')) return 'header';
        if (el.closest('[role="toolbar"]')) return 'toolbar';
        if (el.closest('.editor-left')) return 'palette';
        if (el.closest('.react-flow__node')) return 'node';
        return 'other';
      }),
    );
  }
  expect([...reached]).toEqual(expect.arrayContaining(['header', 'toolbar', 'palette', 'node']));
  const focused = await page.evaluate(() =>
    document.activeElement?.closest('.react-flow__node')?.getAttribute('data-id'),
  );
  await page.keyboard.press('Enter');
  await expect.poll(() => selectedIds(page)).toEqual([focused]);
  const node = editor.node(focused as string);
  const start = (await node.boundingBox())!;
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
  await expect.poll(async () => (await node.boundingBox())!.x).toBeGreaterThan(start.x + 10);
});
