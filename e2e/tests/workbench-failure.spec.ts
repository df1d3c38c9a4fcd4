// A failure on the canvas, told apart from the stops it causes: the node whose work failed shows FAILED, the nodes
// that were stopped (by its failure, or by a person's cancel) show CANCELLED. Real failures, from the openai provider
// (the real SDK) against the engine's fake OpenAI-compatible server. The engine stops a run at its first failed node,
// so a failed model call cancels the agents in flight itself (the first test); the one failure a run goes on after is
// an orchestrator's subtask that cannot run, which is where a person's cancel can come after a failure (the second).
import type { RunEvent } from '@baton/contracts';
import { type APIRequestContext, type Browser, expect, type Page, test } from '@playwright/test';
import { RunPage } from '../pages/run-page';
import { type ExtraServer, startExtraServer, startFakeOpenAI } from '../support/extra-server';

// The fact checker's instructions carry the text the fake fails on; the other agents' calls answer slowly (a long
// reply, streamed a word every 200 ms), so they are surely in flight when the failure (or the cancel) stops them.
const FAILING = 'Check every claim against two sources.';
const LONG_REPLY = Array.from({ length: 80 }, (_, i) => `word${i}`).join(' ');

const specialist = (id: string, instructions: string, y: number) => ({
  id,
  kind: 'specialist',
  position: { x: 300, y },
  data: { name: id, instructions, tier: 'fast' },
});

/** Three agents in parallel from the input, joined at the output: the fact checker's model server is down. */
const parallel = {
  format: 'baton.graph',
  version: 1,
  id: 'parallel-failure',
  name: 'One agent fails, two are stopped',
  nodes: [
    { id: 'input', kind: 'input', position: { x: 0, y: 150 }, data: { name: 'input' } },
    specialist('fact_checker', FAILING, 0),
    specialist('historian', 'Tell the history of the topic.', 150),
    specialist('economist', 'Tell the economics of the topic.', 300),
    { id: 'output', kind: 'output', position: { x: 600, y: 150 }, data: { name: 'output' } },
  ],
  edges: ['fact_checker', 'historian', 'economist'].flatMap((id) => [
    { id: `input-${id}`, kind: 'handoff', source: 'input', target: id },
    { id: `${id}-output`, kind: 'handoff', source: id, target: 'output' },
  ]),
};

/**
 * An orchestrator whose plan (the fake's answer) gives the fact checker a subtask that depends on one the plan does
 * not have: that dispatch fails on its own and the run goes on with the historian's subtask, until a person cancels.
 */
const PLAN = JSON.stringify({
  subtasks: [
    { id: 't1', description: 'The history of tea.', assigned_to: 'historian', depends_on: [] },
    { id: 't2', description: 'Check the history.', assigned_to: 'fact_checker', depends_on: ['t9'] },
  ],
});
const planned = {
  format: 'baton.graph',
  version: 1,
  id: 'plan-failure',
  name: 'One subtask fails, a person cancels',
  nodes: [
    { id: 'input', kind: 'input', position: { x: 0, y: 0 }, data: { name: 'input' } },
    { id: 'lead', kind: 'orchestrator', position: { x: 250, y: 0 }, data: { name: 'lead', concurrency: 2 } },
    specialist('fact_checker', FAILING, 200),
    specialist('historian', 'Tell the history of the topic.', 350),
    { id: 'output', kind: 'output', position: { x: 550, y: 0 }, data: { name: 'output' } },
  ],
  edges: [
    { id: 'input-lead', kind: 'handoff', source: 'input', target: 'lead' },
    { id: 'lead-fact_checker', kind: 'dispatch', source: 'lead', target: 'fact_checker' },
    { id: 'lead-historian', kind: 'dispatch', source: 'lead', target: 'historian' },
    { id: 'lead-output', kind: 'handoff', source: 'lead', target: 'output' },
  ],
};

let fake: Awaited<ReturnType<typeof startFakeOpenAI>>;
let server: ExtraServer;

test.beforeAll(async () => {
  fake = await startFakeOpenAI(LONG_REPLY, { chunkDelayMs: 200, failWhenSystemHas: FAILING, plan: PLAN });
  server = await startExtraServer({ OPENAI_API_KEY: 'sk-test-not-real', OPENAI_BASE_URL: fake.baseURL });
});

test.afterAll(async () => {
  await server?.stop();
  await fake?.stop();
});

/** A page on the extra server, at 1440x900, with the graph imported and its run panel open. */
async function openGraph(
  browser: Browser,
  api: APIRequestContext,
  document: unknown,
): Promise<{ page: Page; run: RunPage }> {
  const imported = await api.post('/api/graphs/import', { data: document });
  expect(imported.status(), await imported.text()).toBe(201);
  const graph = (await imported.json()) as { id: string };
  const context = await browser.newContext({ baseURL: server.baseURL, viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const run = new RunPage(page);
  await run.open(graph.id);
  return { page, run };
}

/** The error code each agent's node action ended with, from the stored trace. */
async function nodeErrorCodes(api: APIRequestContext, runId: string): Promise<Record<string, string>> {
  const trace = (await (await api.get(`/api/runs/${runId}/trace`)).json()) as { events: RunEvent[] };
  const agentOf = new Map<string, string>();
  const codes: Record<string, string> = {};
  for (const event of trace.events) {
    if (event.type === 'action.started' && event.actionType === 'node') agentOf.set(event.actionId, event.agentId);
    if (event.type === 'action.failed' && agentOf.has(event.actionId))
      codes[agentOf.get(event.actionId) as string] = event.error.code;
  }
  return codes;
}

/** The node shows `status` (its data attribute and its status text) and so do its trace rows, every one of them. */
async function expectNodeAndRows(page: Page, run: RunPage, agentId: string, status: 'failed' | 'cancelled') {
  await expect(run.node(agentId)).toHaveAttribute('data-status', status);
  await expect(run.node(agentId).getByTestId('node-status')).toHaveText(new RegExp(`^${status}$`, 'i'));
  const rows = page.locator(`[data-testid="trace-row"][data-agent-id="${agentId}"]`);
  await expect(rows.first()).toBeVisible();
  const statuses = await rows.evaluateAll((all) => all.map((row) => row.getAttribute('data-status')));
  expect(new Set(statuses), `${agentId}'s trace rows`).toEqual(new Set([status]));
}

test("one agent's model server fails: its node shows FAILED, the agents its failure stopped CANCELLED", async ({
  browser,
  playwright,
}) => {
  const api = await playwright.request.newContext({ baseURL: server.baseURL });
  const { page, run } = await openGraph(browser, api, parallel);
  const runId = await run.start('Write about tea');
  await run.expectRunStatus('failed');

  // The engine's record: the fact checker failed with the model server's error, the others were stopped by it.
  expect(await nodeErrorCodes(api, runId)).toEqual({
    fact_checker: 'model_server_error',
    historian: 'action_cancelled',
    economist: 'action_cancelled',
  });
  await expectNodeAndRows(page, run, 'fact_checker', 'failed');
  await expectNodeAndRows(page, run, 'historian', 'cancelled');
  await expectNodeAndRows(page, run, 'economist', 'cancelled');
  await expect(page.locator('[data-testid^="node-"][data-status="failed"]')).toHaveCount(1);
  await page.screenshot({ path: 'test-results/workbench-failure-parallel.png' });
  await page.context().close();
  await api.dispose();
});

test('a subtask that failed stays FAILED when a person cancels the run after it', async ({ browser, playwright }) => {
  const api = await playwright.request.newContext({ baseURL: server.baseURL });
  const { page, run } = await openGraph(browser, api, planned);
  const runId = await run.start('Write about tea');
  // The fact checker's subtask fails at once; the run goes on with the historian's (slow) one.
  await expect(run.node('fact_checker')).toHaveAttribute('data-status', 'failed');
  await expect(run.node('historian')).toHaveAttribute('data-status', 'running');
  await expect(run.status).toHaveAttribute('data-status', 'running');
  await run.cancelButton.click();
  await run.expectRunStatus('cancelled');

  await expectNodeAndRows(page, run, 'fact_checker', 'failed');
  await expectNodeAndRows(page, run, 'historian', 'cancelled');
  await expect(run.node('lead')).toHaveAttribute('data-status', 'cancelled');
  await expect(page.locator('[data-testid^="node-"][data-status="failed"]')).toHaveCount(1);
  // The engine's record: the lead (the only top-level agent at work) was stopped by the person's cancel.
  expect(await nodeErrorCodes(api, runId)).toEqual({ lead: 'run_cancelled' });
  await page.screenshot({ path: 'test-results/workbench-failure-cancel.png' });
  await page.context().close();
  await api.dispose();
});
