// Reload the page mid-run: the trace picks up from the stored events and goes on live, every action exactly once.
import { type APIRequestContext, expect, test } from '@playwright/test';
import { actionIds, getRun, getTrace, importGraph, readExample, updateDraft } from '../pages/run-api';
import { RunPage } from '../pages/run-page';
import { startBlipProxy } from '../pages/run-proxy';

/**
 * The contract asks for more confidence than the simulated provider gives, so the run pauses half-way for a
 * person: a mid-run moment that does not depend on the provider's pace.
 */
async function graphThatPauses(request: APIRequestContext) {
  const imported = await importGraph(request, readExample('research-and-write'));
  return updateDraft(request, imported, (document) => {
    for (const edge of document.edges) {
      if (edge.kind === 'handoff' && edge.contract) edge.contract.requiredConfidence = 0.95;
    }
    return document;
  });
}

test('reloading mid-run continues the trace with every action exactly once', async ({ page, request }) => {
  const graph = await graphThatPauses(request);
  const run = new RunPage(page);
  await run.open(graph.id);
  const runId = await run.start('Write a short briefing on heat pumps for homeowners');
  await expect(run.escalationDialog).toBeVisible({ timeout: 30_000 });
  const before = await run.counts();
  expect((await getRun(request, runId)).status).toBe('waiting');

  await page.reload();
  // The fresh page replays the stored events from the start: the same run, the same point, the same question.
  await expect(run.status).toHaveAttribute('data-run-id', runId);
  await expect(run.escalationDialog).toBeVisible();
  await expect.poll(async () => (await run.counts()).events).toBeGreaterThanOrEqual(before.events);
  await expect(run.status).toHaveAttribute('data-status', 'waiting');

  // The run goes on live after the reload, to the end.
  await run.escalationDialog.getByTestId('escalation-approve').click();
  await run.expectRunStatus('completed');
  const trace = await getTrace(request, runId);
  const counts = await run.counts();
  expect(counts.events).toBe(trace.events.length);
  expect(counts.lastSeq).toBe(trace.events.length);
  expect(counts.actions).toBe(actionIds(trace.events).length);
  expect(counts.events).toBeGreaterThan(before.events);
  const shown = await run.visibleActionIds();
  expect(new Set(shown).size).toBe(shown.length);
});

test('a network blip mid-run resumes the stream after the last event seen, without gaps or doubles', async ({
  browser,
  request,
  baseURL,
}) => {
  const graph = await graphThatPauses(request);
  // The page talks to the server through a proxy whose connections the test can cut.
  const proxy = await startBlipProxy(new URL(baseURL as string));
  const context = await browser.newContext({ baseURL: proxy.baseURL });
  const page = await context.newPage();
  const resumedFrom: string[] = [];
  page.on('request', async (r) => {
    if (!r.url().includes('/events')) return;
    const lastEventId = (await r.allHeaders())['last-event-id'];
    resumedFrom.push(lastEventId ?? '');
  });
  const run = new RunPage(page);
  await run.open(graph.id);
  const runId = await run.start('Write a short briefing on heat pumps for homeowners');
  await expect(run.escalationDialog).toBeVisible({ timeout: 30_000 });
  await expect(run.status).toHaveAttribute('data-stream', 'open');
  const before = await run.counts();

  // The connection drops while the run waits; a person decides (over the API, as from another tab) meanwhile, so
  // the events after the drop are only in the store. The browser reconnects by itself with Last-Event-ID.
  expect(proxy.blip()).toBeGreaterThan(0);
  const pending = (await getRun(request, runId)).pendingEscalations[0] as string;
  const decided = await request.post(`/api/runs/${runId}/escalations/${pending}`, { data: { decision: 'approve' } });
  expect(decided.status()).toBe(200);

  await run.expectRunStatus('completed');
  await expect(run.escalationDialog).toBeHidden();
  const trace = await getTrace(request, runId);
  const counts = await run.counts();
  expect(counts.events).toBe(trace.events.length);
  expect(counts.lastSeq).toBe(trace.events.length);
  expect(counts.actions).toBe(actionIds(trace.events).length);
  expect(counts.events).toBeGreaterThan(before.events);
  // The browser resumed the stream after the last event it had, not from the start.
  expect(resumedFrom, `Last-Event-ID of each events request`).toContain(String(before.lastSeq));
  await context.close();
  await proxy.close();
});
