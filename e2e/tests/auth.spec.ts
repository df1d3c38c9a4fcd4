// With BATON_TOKEN set, the app asks for the token once, then runs a graph and streams it live (SSE over the cookie).
import { expect, test } from '@playwright/test';
import { readExample } from '../pages/run-api';
import { RunPage } from '../pages/run-page';
import { type ExtraServer, startExtraServer } from '../support/extra-server';

const TOKEN = 'e2e-secret-token-0123456789';
let server: ExtraServer;

test.beforeAll(async () => {
  server = await startExtraServer({ BATON_TOKEN: TOKEN });
});

test.afterAll(async () => {
  await server?.stop();
});

test('asks for the token once, then runs a graph and streams it live', async ({ browser, playwright }) => {
  // The API refuses anyone without the token.
  const anonymous = await playwright.request.newContext({ baseURL: server.baseURL });
  expect((await anonymous.get('/api/graphs')).status()).toBe(401);
  const health = await (await anonymous.get('/api/health')).json();
  expect(health.authRequired).toBe(true);
  const api = await playwright.request.newContext({
    baseURL: server.baseURL,
    extraHTTPHeaders: { Authorization: `Bearer ${TOKEN}` },
  });
  const imported = await api.post('/api/graphs/import', { data: readExample('research-and-write') });
  expect(imported.status()).toBe(201);
  const graph = (await imported.json()) as { id: string };

  const context = await browser.newContext({ baseURL: server.baseURL });
  const page = await context.newPage();
  await page.goto(`/graphs/${graph.id}`);
  const signIn = page.getByTestId('sign-in');
  await expect(signIn).toBeVisible();
  await signIn.getByLabel('Access token').fill('wrong-token');
  await signIn.getByRole('button').click();
  await expect(signIn).toBeVisible();
  await signIn.getByLabel('Access token').fill(TOKEN);
  await signIn.getByRole('button').click();

  const run = new RunPage(page);
  await expect(run.panel).toBeVisible();
  const runId = await run.start('Write a short briefing on heat pumps for homeowners');
  await expect(page.locator('[data-testid^="node-"][data-status="running"]').first()).toBeVisible();
  await run.expectRunStatus('completed');
  const counts = await run.counts();
  const trace = await (await api.get(`/api/runs/${runId}/trace`)).json();
  expect(counts.events).toBe(trace.events.length);

  // Asked once: a reload keeps the session (the HttpOnly cookie), and the token never reached page script.
  await page.reload();
  await expect(run.status).toHaveAttribute('data-status', 'completed');
  await expect(signIn).toBeHidden();
  expect(await page.evaluate(() => document.cookie)).not.toContain(TOKEN);
  await context.close();
  await anonymous.dispose();
  await api.dispose();
});
