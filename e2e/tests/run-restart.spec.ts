// A run waiting for a person outlives two server crashes: after the restarts the browser shows one dialog for the
// same escalation, the person approves it, and the run completes. The server is a process of this spec, SIGKILLed.
import type { RunEvent, RunRecord } from '@baton/contracts';
import { expect, test } from '@playwright/test';
import { RunPage } from '../pages/run-page';
import { type ExtraServer, startExtraServer } from '../support/extra-server';

let server: ExtraServer | undefined;
test.afterEach(async () => {
  await server?.stop();
  server = undefined;
});

async function getRun(baseURL: string, runId: string): Promise<RunRecord> {
  return (await (await fetch(`${baseURL}/api/runs/${runId}`)).json()) as RunRecord;
}

test('a waiting escalation survives two restarts and is approved from the browser', async ({ page }) => {
  test.setTimeout(300_000);
  // Below the research contract's 0.7, every research result waits for a person.
  server = await startExtraServer({ BATON_SIM_CONFIDENCE: '0.5', BATON_SIM_CALL_MS: '50' });
  const base = server.baseURL;
  const run = new RunPage(page);
  await page.goto(`${base}/graphs/example-research-and-write`);
  await expect(run.panel).toBeVisible();
  const runId = await run.start('Write a short note on tide pools');
  await expect(run.escalationDialog).toBeVisible({ timeout: 60_000 });
  const before = await getRun(base, runId);
  expect(before.status).toBe('waiting');
  const escalationId = before.pendingEscalations[0]!;

  for (let restart = 0; restart < 2; restart++) {
    await server.restart();
    // The restarted server resumes the run: a new attempt that waits again on the same question.
    await expect
      .poll(
        async () => {
          const events = ((await (await fetch(`${base}/api/runs/${runId}/trace`)).json()) as { events: RunEvent[] })
            .events;
          const last = events.findLastIndex((e) => e.type === 'run.started');
          const attempt = events[last]?.type === 'run.started' ? events[last].attempt : 0;
          return attempt === restart + 2 && events.slice(last).some((e) => e.type === 'run.waiting');
        },
        { timeout: 60_000 },
      )
      .toBe(true);
    const resumed = await getRun(base, runId);
    expect(resumed.status).toBe('waiting');
    expect(resumed.pendingEscalations).toEqual([escalationId]);
    // The open page's EventSource reconnected by itself (Last-Event-ID) and has every event, once.
    await expect.poll(async () => (await run.counts()).lastSeq, { timeout: 30_000 }).toBe(resumed.eventCount);
    expect((await run.counts()).events).toBe(resumed.eventCount);
    await expect(run.escalationDialog).toHaveCount(1);
  }

  // A fresh page after the restarts: exactly one dialog, and its decision goes to the same escalation id.
  await page.reload();
  await expect(run.escalationDialog).toBeVisible({ timeout: 30_000 });
  await expect(run.escalationDialog).toHaveCount(1);
  await expect(page.getByTestId('trace-attempt')).toHaveCount(2);
  await expect(page.getByTestId('trace-attempt').first()).toContainText('Resumed after a restart:');
  // Every question of the run is approved in the dialog, in turn, until the run completes: the one that outlived the
  // restarts first, then any later one (another research subtask). A dialog is clicked only when the page holds every
  // event the server has and every earlier decision is resolved: the dialog shown is then the open question's, never
  // one whose decision is on its way. (Its Approve is disabled until the answer, and the stream's resolution removes
  // the dialog: a click on it waited, with no timeout, for a button that never came back. That, not the server, was
  // the approvals "taking over 150 s" in one run of four, while the run had completed.)
  const decided = new Set<string>();
  for (;;) {
    let open: string | undefined;
    let ended = false;
    await expect
      .poll(
        async () => {
          const current = await getRun(base, runId);
          const { lastSeq } = await run.counts();
          open = current.pendingEscalations[0];
          ended = current.endedAt !== null;
          const settled = lastSeq === current.eventCount && !current.pendingEscalations.some((id) => decided.has(id));
          return settled && (open !== undefined || ended);
        },
        { timeout: 60_000 },
      )
      .toBe(true);
    if (ended) break;
    const question = open as string;
    if (decided.size === 0) expect(question).toBe(escalationId);
    await expect(run.escalationDialog).toHaveCount(1);
    const decision = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/escalations/'));
    await run.escalationDialog.getByTestId('escalation-approve').click();
    const answer = await decision;
    expect(answer.url()).toContain(`/escalations/${encodeURIComponent(question)}`);
    expect(answer.status()).toBe(200);
    decided.add(question);
  }
  expect(decided.has(escalationId)).toBe(true);
  await run.expectRunStatus('completed');

  const trace = (await (await fetch(`${base}/api/runs/${runId}/trace`)).json()) as { events: RunEvent[] };
  const requested = trace.events.filter((e) => e.type === 'escalation.requested' && e.escalationId === escalationId);
  expect(requested).toHaveLength(1);
});
