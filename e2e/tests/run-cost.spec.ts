// Cost in money: a run with the openai provider (the real SDK against the engine's fake OpenAI-compatible server)
// shows its cost in the run's totals, on each model call and node in the trace, and in the history, priced with
// the server's configured table; a simulated run says "simulated", never an amount.
import type { RunRecord, RunSummary } from '@baton/contracts';
import { expect, test } from '@playwright/test';
import { RunPage } from '../pages/run-page';
import { type ExtraServer, startExtraServer, startFakeOpenAI } from '../support/extra-server';

// $1,000 per 1M tokens, in and out, for the models of the three tiers: a run's cost is its tokens / 1,000 dollars,
// which the test can check exactly against the tokens the server counted.
const PRICE = { input: 1000, output: 1000 };
const PRICES = JSON.stringify({ 'gpt-4.1-nano': PRICE, 'gpt-4.1-mini': PRICE, 'gpt-4.1': PRICE });

const document = {
  format: 'baton.graph',
  version: 1,
  id: 'priced',
  name: 'Priced run',
  nodes: [
    { id: 'input', kind: 'input', position: { x: 0, y: 0 }, data: { name: 'input' } },
    {
      id: 'writer',
      kind: 'specialist',
      position: { x: 250, y: 0 },
      data: { name: 'writer', instructions: 'Write the note.', tier: 'balanced' },
    },
    { id: 'output', kind: 'output', position: { x: 500, y: 0 }, data: { name: 'output' } },
  ],
  edges: [
    { id: 'e1', kind: 'handoff', source: 'input', target: 'writer' },
    { id: 'e2', kind: 'handoff', source: 'writer', target: 'output' },
  ],
};

/** "$0.123" -> 0.123 */
const dollars = (text: string | null) => Number((text ?? '').replace(/^\$/, ''));

test.describe('with the openai provider', () => {
  let fake: Awaited<ReturnType<typeof startFakeOpenAI>>;
  let server: ExtraServer;

  test.beforeAll(async () => {
    fake = await startFakeOpenAI('A short note about relay batons.');
    server = await startExtraServer({
      OPENAI_API_KEY: 'sk-test-not-real',
      OPENAI_BASE_URL: fake.baseURL,
      BATON_MODEL_PRICES: PRICES,
    });
  });

  test.afterAll(async () => {
    await server?.stop();
    await fake?.stop();
  });

  test('a run shows its cost in its totals, the trace and the history', async ({ browser, playwright }) => {
    const api = await playwright.request.newContext({ baseURL: server.baseURL });
    const imported = await api.post('/api/graphs/import', { data: document });
    expect(imported.status(), await imported.text()).toBe(201);
    const graph = (await imported.json()) as { id: string };
    const prices = await (await api.get('/api/prices')).json();
    expect(prices).toMatchObject({ currency: 'USD', perTokens: 1_000_000, models: { 'gpt-4.1-mini': PRICE } });

    const context = await browser.newContext({ baseURL: server.baseURL });
    const page = await context.newPage();
    const run = new RunPage(page);
    await run.open(graph.id);
    const runId = await run.start('Write a note about relay batons');
    await run.expectRunStatus('completed');
    const record = (await (await api.get(`/api/runs/${runId}`)).json()) as RunRecord;
    expect(record.usage.totalTokens).toBeGreaterThan(0);
    const expected = record.usage.totalTokens / 1000;

    // The run's totals.
    const total = page.getByTestId('run-cost');
    await expect(total).toHaveText(/^\$\d/);
    expect(dollars(await total.textContent())).toBeCloseTo(expected, 2);
    await expect(page.getByTestId('run-counts')).not.toContainText('simulated');

    // The trace: the model call's row, and the node's detail (the sum of the calls under it).
    const call = page.locator('[data-testid="trace-row"][data-action-type="llm_call"][data-agent-id="writer"]');
    await expect(call.locator('.trace-meta')).toContainText('$');
    await page.locator('[data-testid="trace-row"][data-action-type="node"][data-agent-id="writer"]').click();
    const nodeCost = page.getByTestId('action-cost');
    await expect(nodeCost).toHaveText(/^\$\d/);
    const writerTokens = record.spend.byModel['gpt-4.1-mini']?.totalTokens ?? 0;
    expect(dollars(await nodeCost.textContent())).toBeCloseTo(writerTokens / 1000, 2);
    await page.screenshot({ path: 'test-results/cost-openai.png' });

    // The history, priced from the tokens per model the server kept for the run.
    await run.tab('history').click();
    const item = page.getByTestId('run-history-item').first();
    await expect(item.getByTestId('run-history-cost')).toHaveText(/^\$\d/);
    expect(dollars(await item.getByTestId('run-history-cost').textContent())).toBeCloseTo(expected, 2);
    await context.close();
    await api.dispose();
  });
});

test('a simulated run says "simulated", never an amount', async ({ page, request }) => {
  const imported = await request.post('/api/graphs/import', { data: { ...document, name: `Simulated ${Date.now()}` } });
  expect(imported.status()).toBe(201);
  const graph = (await imported.json()) as { id: string };
  const run = new RunPage(page);
  await run.open(graph.id);
  await run.start('Write a note about relay batons');
  await run.expectRunStatus('completed');
  await expect(page.getByTestId('run-cost')).toHaveText('simulated');
  await expect(page.getByTestId('run-counts')).not.toContainText('$');
  await expect(run.traceRows.first()).toBeVisible();
  await expect(run.panel.getByText(/\$\d/)).toHaveCount(0);
  await page.locator('[data-testid="trace-row"][data-action-type="node"][data-agent-id="writer"]').click();
  await expect(page.getByTestId('action-cost')).toHaveText('simulated');

  await run.tab('history').click();
  await expect(page.getByTestId('run-history-cost').first()).toHaveText('simulated');
  const runs = (await (await request.get(`/api/graphs/${graph.id}/runs`)).json()) as { items: RunSummary[] };
  expect(runs.items[0]?.spend.simulated).toBe(true);
  await page.screenshot({ path: 'test-results/cost-simulated.png' });
});
