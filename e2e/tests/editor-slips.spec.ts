// The editor's small slips, fixed: an imported copy gets its own name, the goal survives a reload, a past run shows
// what it was asked and runs again with it, node names stay readable during a run, and the theme is remembered.
import type { GraphDocument, GraphSummary } from '@baton/contracts';
import { expect, test } from '@playwright/test';
import { exampleText, GraphApi } from '../pages/graph-api';
import { GraphsPage } from '../pages/graphs-page';
import { RunPage } from '../pages/run-page';

test('importing a file whose name is taken makes "Name (2)"', async ({ page, request }) => {
  const graphs = new GraphsPage(page);
  const name = `My team ${Date.now()}`;
  const text = JSON.stringify({ ...(JSON.parse(exampleText('research-and-write')) as GraphDocument), name });
  const ids: string[] = [];
  for (let i = 0; i < 2; i++) {
    await graphs.goto();
    await graphs.importFile({ name: 'my-team.json', mimeType: 'application/json', buffer: Buffer.from(text) });
    await page.waitForURL(
      (url) => /\/graphs\/[^/]+$/.test(url.pathname) && !ids.some((id) => url.pathname.endsWith(id)),
    );
    ids.push(new URL(page.url()).pathname.split('/')[2] as string);
  }
  await expect(page.getByTestId('graph-title')).toHaveValue(`${name} (2)`);
  await graphs.goto();
  await expect(graphs.row(ids[0]!)).toContainText(name);
  await expect(graphs.row(ids[1]!)).toContainText(`${name} (2)`);
  const listed = ((await (await request.get('/api/graphs')).json()) as { items: GraphSummary[] }).items;
  expect(
    listed
      .filter((g) => g.name.startsWith(name))
      .map((g) => g.name)
      .sort(),
  ).toEqual([name, `${name} (2)`]);
});

test('the goal being typed survives a reload, per graph', async ({ page, request }) => {
  const api = new GraphApi(request);
  const first = await api.importExample('peer-review', `Goal kept ${Date.now()}`);
  const second = await api.importExample('peer-review', `Goal elsewhere ${Date.now()}`);
  const run = new RunPage(page);
  await run.open(first.id);
  await run.goal.fill('Write a limerick about\nbatons');
  await page.reload();
  await expect(run.goal).toHaveValue('Write a limerick about\nbatons');
  await run.open(second.id);
  await expect(run.goal).toHaveValue('');
  await run.open(first.id);
  await expect(run.goal).toHaveValue('Write a limerick about\nbatons');
});

test('a past run shows its goal and input, read-only, and runs again with them', async ({ page, request }) => {
  const api = new GraphApi(request);
  const graph = await api.importExample('peer-review', `Run again ${Date.now()}`);
  const run = new RunPage(page);
  await run.open(graph.id);
  await page.getByText('JSON input').click();
  await page.getByTestId('run-input').fill('{ "audience": "relay runners" }');
  const firstRun = await run.start('Announce the new relay baton');
  await run.expectRunStatus('completed');

  // Another goal in the box; the past run still says what it was asked.
  await run.goal.fill('Something else entirely');
  await run.open(graph.id, firstRun);
  await run.expectRunStatus('completed');
  const asked = page.getByTestId('run-asked');
  await expect(asked.getByTestId('run-asked-goal')).toHaveText('Announce the new relay baton');
  await expect(asked.getByTestId('run-asked-input')).toHaveText(JSON.stringify({ audience: 'relay runners' }, null, 2));
  // Read-only: text, not a field.
  await expect(asked.locator('textarea, input')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/slips-run-asked.png' });

  await asked.getByRole('button', { name: 'Run again with this goal' }).click();
  await page.waitForURL((url) => /\/runs\/[^/]+$/.test(url.pathname) && !url.pathname.endsWith(firstRun));
  const secondRun = decodeURIComponent(new URL(page.url()).pathname.split('/').at(-1) as string);
  await expect(run.status).toHaveAttribute('data-run-id', secondRun);
  await run.expectRunStatus('completed');
  await expect(run.goal).toHaveValue('Announce the new relay baton');
  const record = (await (await request.get(`/api/runs/${secondRun}`)).json()) as { goal: string; input: unknown };
  expect(record).toMatchObject({ goal: 'Announce the new relay baton', input: { audience: 'relay runners' } });
});

test('node names stay whole while a run shows its status on them', async ({ page, request }) => {
  const api = new GraphApi(request);
  const document = JSON.parse(exampleText('research-and-write')) as GraphDocument;
  const long = 'research_of_primary_sources';
  for (const node of document.nodes) if (node.id === 'research') node.data.name = long;
  const graph = await api.importDocument({ ...document, name: `Long names ${Date.now()}` });
  await page.setViewportSize({ width: 1920, height: 1080 });
  const run = new RunPage(page);
  await run.open(graph.id);
  await run.start('Write about the history of relay batons');
  const node = run.node('research');
  await expect(node).toHaveAttribute('data-status', /running|completed/, { timeout: 30_000 });
  await expect(node.getByTestId('node-status')).toBeVisible();
  const name = node.locator('.baton-node__name');
  await expect(name).toHaveText(long);
  const cut = await name.evaluate((el) => el.scrollWidth > el.clientWidth || el.scrollHeight > el.clientHeight);
  expect(cut, 'the name is shown whole, not cut by the status').toBe(false);
  await node.screenshot({ path: 'test-results/slips-node-title.png' });
  await run.expectRunStatus('completed');
});

test('the theme switch: light, dark or the system, remembered', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  const graphs = new GraphsPage(page);
  await graphs.goto();
  const html = page.locator('html');
  await expect(page.getByTestId('theme-system')).toBeChecked();
  await expect(html).toHaveAttribute('data-theme', 'light');

  await page.getByText('Dark', { exact: true }).click();
  await expect(html).toHaveAttribute('data-theme', 'dark');
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(await background()).toBe('rgb(15, 15, 17)');
  await page.reload();
  await expect(page.getByTestId('theme-dark')).toBeChecked();
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await page.screenshot({ path: 'test-results/slips-theme-dark.png' });

  // "System" follows the system, whatever it says now.
  await page.getByText('System', { exact: true }).click();
  await expect(html).toHaveAttribute('data-theme', 'light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await page.getByText('Light', { exact: true }).click();
  await expect(html).toHaveAttribute('data-theme', 'light');
  await page.reload();
  await expect(page.getByTestId('theme-light')).toBeChecked();
  await expect(html).toHaveAttribute('data-theme', 'light');
  expect(await background()).toBe('rgb(255, 255, 255)');
});
