// Editing as a person does it: undo and redo a change, a refused connection that says why, export then import the
// file as a new graph (the same graph), version history, and a save that conflicts with another tab.
import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { EditorPage } from '../pages/editor-page';
import { GraphApi } from '../pages/graph-api';
import { GraphsPage, graphIdFromUrl } from '../pages/graphs-page';

test.use({ viewport: { width: 1440, height: 900 } });

test('undo and redo a change, with the buttons and the keyboard; the draft follows', async ({ page, request }) => {
  const api = new GraphApi(request);
  const editor = new EditorPage(page);
  const graph = await api.importExample('research-and-write', 'Undo and redo');
  await editor.goto(graph.id);

  await editor.rename('research', 'researcher');
  await expect(editor.node('research')).toContainText('researcher');
  await editor.undo();
  await expect(editor.node('research')).not.toContainText('researcher');
  await expect(editor.node('research')).toContainText('research');
  await editor.redo();
  await expect(editor.node('research')).toContainText('researcher');

  // The keyboard: Ctrl/Cmd+Z and Ctrl/Cmd+Shift+Z, with the focus on the canvas.
  await editor.pane.click({ position: { x: 10, y: 10 } });
  await page.keyboard.press('ControlOrMeta+z');
  await expect(editor.node('research')).not.toContainText('researcher');
  await editor.waitSaved();
  expect((await api.get(graph.id)).draft.nodes.find((n) => n.id === 'research')?.data.name).toBe('research');
  await page.keyboard.press('ControlOrMeta+Shift+z');
  await expect(editor.node('research')).toContainText('researcher');
  await editor.waitSaved();
  expect((await api.get(graph.id)).draft.nodes.find((n) => n.id === 'research')?.data.name).toBe('researcher');
});

test('a refused connection says why, and adds nothing', async ({ page, request }) => {
  const api = new GraphApi(request);
  const editor = new EditorPage(page);
  const graph = await api.importExample('research-and-write', 'Refused connection');
  await editor.goto(graph.id);
  const edges = page.locator('.react-flow__edge');
  await expect(edges).toHaveCount(5);

  // An orchestrator dispatches to specialists only, never to an output.
  await editor.connect({ node: 'lead', handle: 'dispatch' }, { node: 'output', handle: 'in' });
  const notice = page.locator('.canvas-notice');
  await expect(notice).toBeVisible();
  await expect(notice).not.toHaveText('');
  expect((await notice.textContent())?.trim()).toMatch(/\.$/);
  await expect(edges).toHaveCount(5);
  await expect(editor.saveStatus).toHaveText('Saved');
  expect((await api.get(graph.id)).draft.edges).toHaveLength(5);
});

test('export the graph, import the file as a new graph, and get the same graph', async ({ page, request }) => {
  const api = new GraphApi(request);
  const editor = new EditorPage(page);
  const graphs = new GraphsPage(page);
  const original = await api.importExample('research-and-write', 'Round trip');
  await editor.goto(original.id);
  // Move a node, so the positions exported are the ones on screen, not the example's.
  const research = editor.node('research');
  const box = (await research.boundingBox())!;
  await page.mouse.move(box.x + 40, box.y + 12);
  await page.mouse.down();
  await page.mouse.move(box.x + 140, box.y + 72, { steps: 6 });
  await page.mouse.up();
  await editor.waitSaved();

  const download = await editor.exportJson();
  expect(download.suggestedFilename()).toBe('round-trip.baton.json');
  const file = await download.path();
  const text = fs.readFileSync(file, 'utf8');
  // The browser's file is the format's stable pretty JSON, the very bytes the server exports.
  expect(text).toBe(await api.exportText(original.id));

  await graphs.goto();
  await graphs.importFile(file);
  await page.waitForURL((url) => /\/graphs\/[^/]+$/.test(url.pathname) && !url.pathname.endsWith(original.id));
  const copyId = graphIdFromUrl(page.url());
  expect(copyId).not.toBe(original.id);
  await expect(editor.node('research')).toBeVisible();

  const before = (await api.get(original.id)).draft;
  const after = (await api.get(copyId)).draft;
  // The name is taken (by the original), so the import gets the next free one.
  expect(after.name).toBe(`${before.name} (2)`);
  expect(after.description).toBe(before.description);
  expect(after.nodes).toEqual(before.nodes);
  expect(after.edges).toEqual(before.edges);
  const moved = after.nodes.find((n) => n.id === 'research')!.position;
  const example = JSON.parse(fs.readFileSync(file, 'utf8')).nodes.find((n: { id: string }) => n.id === 'research');
  expect(moved).toEqual(example.position);
  expect(moved).not.toEqual({ x: 650, y: 40 });
});

test('a broken file dropped on the canvas shows its problems and creates nothing', async ({ page, request }) => {
  const api = new GraphApi(request);
  const editor = new EditorPage(page);
  const graph = await api.importExample('research-and-write', 'Drop target');
  await editor.goto(graph.id);
  const before = await api.count();
  const broken = {
    format: 'baton.graph',
    version: 1,
    id: 'x',
    name: 'Broken',
    nodes: [{ id: 'a', kind: 'wizard' }],
    edges: [],
  };
  await editor.dropFile('broken.json', JSON.stringify(broken));
  const dialog = page.getByTestId('import-problems');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('$.nodes[0]');
  await expect(dialog).toContainText('Nothing was imported');
  expect(await api.count()).toBe(before);
  expect(graphIdFromUrl(page.url())).toBe(graph.id);
});

test('save a version, change the draft, restore the version (undoable)', async ({ page, request }) => {
  const api = new GraphApi(request);
  const editor = new EditorPage(page);
  const graph = await api.importExample('research-and-write', 'Versions');
  await editor.goto(graph.id);

  await page.getByTestId('save-version').click();
  const saveDialog = page.getByTestId('save-version-dialog');
  await saveDialog.getByLabel('Label (optional)').fill('Before renaming');
  await saveDialog.getByRole('button', { name: 'Save version' }).click();
  await expect(page.getByTestId('toast')).toContainText('Saved as version 1');

  await editor.rename('writer', 'author');
  await editor.waitSaved();

  await page.getByTestId('open-history').click();
  const history = page.getByTestId('versions-dialog');
  await expect(history.getByTestId('version-1')).toContainText('Before renaming');
  await history.getByTestId('version-1').getByRole('button', { name: 'Restore' }).click();
  await expect(history).toBeHidden();
  await expect(editor.node('writer')).not.toContainText('author');
  await editor.waitSaved();
  expect((await api.get(graph.id)).draft.nodes.find((n) => n.id === 'writer')?.data.name).toBe('writer');

  await editor.undo();
  await expect(editor.node('writer')).toContainText('author');
});

test('a save that conflicts with another tab loses nothing and offers both ways out', async ({ page, request }) => {
  const api = new GraphApi(request);
  const editor = new EditorPage(page);
  const graph = await api.importExample('research-and-write', 'Conflict');
  await editor.goto(graph.id);

  // Another tab saves the draft first.
  const theirs = { ...graph.draft, description: 'Changed in another tab.' };
  const put = await request.put(`/api/graphs/${graph.id}/draft`, {
    data: { document: theirs, baseRevision: graph.draftRevision },
  });
  expect(put.status()).toBe(200);

  await editor.rename('writer', 'author');
  await expect(editor.saveStatus).toHaveText('Save failed');
  const banner = page.getByTestId('save-conflict');
  await expect(banner).toContainText('changed somewhere else');
  // Nothing lost: the edit is still on the canvas.
  await expect(editor.node('writer')).toContainText('author');

  await banner.getByRole('button', { name: 'Overwrite with mine' }).click();
  await editor.waitSaved();
  const draft = (await api.get(graph.id)).draft;
  expect(draft.nodes.find((n) => n.id === 'writer')?.data.name).toBe('author');
  expect(draft.description).toBe(graph.draft.description);
});

test('an edit made just before leaving the page is saved on the way out', async ({ page, request }) => {
  const api = new GraphApi(request);
  const editor = new EditorPage(page);
  const graph = await api.importExample('research-and-write', 'Leave quickly');
  await editor.goto(graph.id);
  await editor.selectNode('writer');
  await editor.inspector.getByTestId('field-description').fill('Written just before leaving.');
  // Well inside the autosave debounce: only the flush on page hide can save this.
  await expect(editor.saveStatus).toHaveText('Unsaved');
  await page.goto('about:blank');
  await expect
    .poll(async () => (await api.get(graph.id)).draft.nodes.find((n) => n.id === 'writer')?.data.description)
    .toBe('Written just before leaving.');
});

test('export the canvas as a PNG image', async ({ page, request }) => {
  const api = new GraphApi(request);
  const editor = new EditorPage(page);
  const graph = await api.importExample('research-and-write', 'Picture');
  await editor.goto(graph.id);
  await expect(editor.node('research')).toBeVisible();
  await page.getByTestId('export-menu').click();
  const downloading = page.waitForEvent('download');
  await page.getByTestId('export-png').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('picture.png');
  const bytes = fs.readFileSync(await download.path());
  expect(bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
  // Width and height from the IHDR chunk: all five nodes at 2x, so well over a few hundred pixels.
  expect(bytes.readUInt32BE(16)).toBeGreaterThan(1000);
  expect(bytes.readUInt32BE(20)).toBeGreaterThan(400);
});
