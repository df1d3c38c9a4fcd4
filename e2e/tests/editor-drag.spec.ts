// Dragging nodes as a person does: a long circular drag that ends where it began leaves the node where it was, and
// a drag by (dx, dy) moves the node by (dx, dy) on the canvas, snapped to the grid, in the view and in the saved draft.
import { expect, type Page, test } from '@playwright/test';
import { EditorPage } from '../pages/editor-page';
import { GraphApi } from '../pages/graph-api';

test.use({ viewport: { width: 1440, height: 900 } });

const GRID = 8;

/** Where snap-to-grid puts a position (React Flow rounds to the nearest grid point). */
function snapped(position: { x: number; y: number }): { x: number; y: number } {
  return { x: Math.round(position.x / GRID) * GRID, y: Math.round(position.y / GRID) * GRID };
}

/** The node's position in the saved draft. */
async function savedPosition(api: GraphApi, graphId: string, nodeId: string): Promise<{ x: number; y: number }> {
  const node = (await api.get(graphId)).draft.nodes.find((n) => n.id === nodeId);
  if (!node) throw new Error(`No node ${nodeId} in the draft.`);
  return node.position;
}

async function headerPoint(editor: EditorPage, nodeId: string): Promise<{ x: number; y: number }> {
  const box = await editor.node(nodeId).locator('.baton-node__header').boundingBox();
  if (!box) throw new Error('The node is not visible.');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Presses on `from`, moves in circles around it for `ms` (as fast as the browser takes moves), comes back, releases. */
async function circleDrag(page: Page, from: { x: number; y: number }, ms: number): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  const start = Date.now();
  for (let step = 1; Date.now() - start < ms; step++) {
    const angle = step / 8;
    await page.mouse.move(from.x + 80 * Math.cos(angle), from.y + 60 * Math.sin(angle));
  }
  await page.mouse.move(from.x, from.y);
  await page.mouse.up();
}

test('a 3-second circular drag that ends where it began leaves the node where it was', async ({ page, request }) => {
  const api = new GraphApi(request);
  const editor = new EditorPage(page);
  const graph = await api.importExample('research-and-write', 'Circular drag');
  await editor.goto(graph.id);
  const before = await savedPosition(api, graph.id, 'research');
  const screenBefore = await editor.node('research').boundingBox();

  await circleDrag(page, await headerPoint(editor, 'research'), 3000);
  await editor.waitSaved();

  // The drag ends where it began: the same place, put on the grid (the example's positions need not be on it).
  expect(await savedPosition(api, graph.id, 'research')).toEqual(snapped(before));
  const screenAfter = await editor.node('research').boundingBox();
  const tolerance = (GRID / 2) * (await editor.zoom()) + 1;
  expect(Math.abs((screenAfter?.x ?? 0) - (screenBefore?.x ?? 0))).toBeLessThanOrEqual(tolerance);
  expect(Math.abs((screenAfter?.y ?? 0) - (screenBefore?.y ?? 0))).toBeLessThanOrEqual(tolerance);
});

test('a node dragged by (dx, dy) ends at +(dx, dy) on the grid', async ({ page, request }) => {
  const api = new GraphApi(request);
  const editor = new EditorPage(page);
  const graph = await api.importExample('research-and-write', 'Straight drag');
  await editor.goto(graph.id);
  const before = await savedPosition(api, graph.id, 'research');
  const zoom = await editor.zoom();
  const delta = { x: 160, y: 96 };

  const from = await headerPoint(editor, 'research');
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + (delta.x * zoom) / 2, from.y + (delta.y * zoom) / 2, { steps: 10 });
  await page.mouse.move(from.x + delta.x * zoom, from.y + delta.y * zoom, { steps: 10 });
  await page.mouse.up();
  await editor.waitSaved();

  const after = await savedPosition(api, graph.id, 'research');
  // Snap-to-grid puts the moved node on the 8 px grid point nearest to the exact move.
  expect(after).toEqual(snapped({ x: before.x + delta.x, y: before.y + delta.y }));
});
