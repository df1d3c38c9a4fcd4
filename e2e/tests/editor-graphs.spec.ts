// The graphs page as a new user meets it: create, rename, duplicate and delete graphs; import good and bad files.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GraphRecord, GraphSummary } from '@baton/contracts';
import { expect, test } from '@playwright/test';
import { GraphsPage } from '../pages/graphs-page';

const examplesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../examples');
const exampleText = fs.readFileSync(path.join(examplesDir, 'research-and-write.json'), 'utf8');

async function listGraphs(request: import('@playwright/test').APIRequestContext): Promise<GraphSummary[]> {
  const response = await request.get('/api/graphs');
  expect(response.ok()).toBe(true);
  return ((await response.json()) as { items: GraphSummary[] }).items;
}

test('create, rename, duplicate and delete a graph', async ({ page, request }) => {
  const graphs = new GraphsPage(page);
  await graphs.goto();
  const name = `Support triage ${Date.now()}`;
  const id = await graphs.createGraph(name);
  await expect(page.getByTestId('graph-title')).toHaveValue(name);
  // A new graph is a starter: an input and an output, already saved.
  await expect(page.getByTestId('save-status')).toHaveText('Saved');

  await graphs.goto();
  const row = graphs.row(id);
  await expect(row).toContainText(name);
  await row.hover();
  await row.getByRole('button', { name: 'Rename' }).click();
  const dialog = page.getByTestId('name-dialog');
  await dialog.getByLabel('Name').fill(`${name} v2`);
  await dialog.getByRole('button', { name: 'Rename' }).click();
  await expect(row).toContainText(`${name} v2`);

  await row.hover();
  await row.getByRole('button', { name: 'Duplicate' }).click();
  await expect.poll(async () => (await listGraphs(request)).filter((g) => g.name.startsWith(name)).length).toBe(2);

  await row.hover();
  await row.getByRole('button', { name: `Delete ${name} v2` }).click();
  const confirm = page.getByTestId('confirm-delete');
  await expect(confirm).toContainText(`${name} v2`);
  // Cancelling keeps it.
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(row).toBeVisible();
  await row.hover();
  await row.getByRole('button', { name: `Delete ${name} v2` }).click();
  await confirm.getByRole('button', { name: 'Delete graph' }).click();
  await expect(row).toHaveCount(0);
  expect((await request.get(`/api/graphs/${id}`)).status()).toBe(404);
});

test('importing a good file opens it as a new graph', async ({ page, request }) => {
  const graphs = new GraphsPage(page);
  await graphs.goto();
  const before = await listGraphs(request);
  await graphs.importFile({
    name: 'research-and-write.json',
    mimeType: 'application/json',
    buffer: Buffer.from(exampleText),
  });
  await page.waitForURL(/\/graphs\/[^/]+$/);
  const id = new URL(page.url()).pathname.split('/')[2] as string;
  // Always a new graph with a new id, never the file's id.
  expect(before.some((g) => g.id === id)).toBe(false);
  expect(id).not.toBe('example-research-and-write');
  const record = (await (await request.get(`/api/graphs/${id}`)).json()) as GraphRecord;
  const example = JSON.parse(exampleText) as GraphRecord['draft'];
  expect(record.draft.nodes.map((n) => n.id).sort()).toEqual(example.nodes.map((n) => n.id).sort());
  await expect(page.getByTestId('node-research')).toBeVisible();
});

test('a file dropped on the page imports too', async ({ page }) => {
  const graphs = new GraphsPage(page);
  await graphs.goto();
  await graphs.dropFile('dropped.json', exampleText.replace('"Research and write"', '"Dropped graph"'));
  await page.waitForURL(/\/graphs\/[^/]+$/);
  await expect(page.getByTestId('graph-title')).toHaveValue('Dropped graph');
});

test('a broken file shows every problem with its path and creates nothing', async ({ page, request }) => {
  const graphs = new GraphsPage(page);
  await graphs.goto();
  const before = await listGraphs(request);
  const broken = JSON.parse(exampleText) as Record<string, unknown> & {
    nodes: { data: { name: string } }[];
    edges: unknown[];
  };
  // Two problems at once: a duplicate name and an edge to nowhere.
  (broken.nodes[3] as { data: { name: string } }).data.name = 'research';
  broken.edges.push({ id: 'dangling', kind: 'handoff', source: 'writer', target: 'nowhere' });
  await graphs.importFile({
    name: 'broken.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(broken)),
  });

  await expect(graphs.importProblems).toBeVisible();
  const issues = page.getByTestId('import-issues').locator('li');
  await expect(issues).not.toHaveCount(0);
  expect(await issues.count()).toBeGreaterThanOrEqual(2);
  await expect(graphs.importProblems).toContainText('$.nodes[3].data.name');
  await expect(graphs.importProblems).toContainText('$.edges[');
  await expect(graphs.importProblems).toContainText('Nothing was imported');
  await graphs.importProblems.getByRole('button', { name: 'Close' }).click();
  expect((await listGraphs(request)).length).toBe(before.length);
  expect(new URL(page.url()).pathname).toBe('/');
});

test('a file that is not JSON is caught with a clear message', async ({ page, request }) => {
  const graphs = new GraphsPage(page);
  await graphs.goto();
  const before = await listGraphs(request);
  await graphs.importFile({
    name: 'notes.json',
    mimeType: 'application/json',
    buffer: Buffer.from('nodes: [input, output]'),
  });
  await expect(graphs.importProblems).toContainText('“notes.json” is not JSON');
  expect((await listGraphs(request)).length).toBe(before.length);
});
