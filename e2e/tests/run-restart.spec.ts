// A run waiting for a person outlives two server crashes: after the restarts the browser shows one dialog for the
// same escalation, the person approves it, and the run completes. The server is a process of this spec, SIGKILLed.
import type { RunEvent, RunRecord } from '@baton/contracts';
import { expect, test } from '@playwright/test';
import { RunPage } from '../pages/run-page';
import { type ExtraServer, startExtraServer } from '../support/extra-server';

// One clean CI run of four saw the approvals after the restarts take more than 150 s (the run did complete); the
// cause is not found yet (issue 13's note). Until it is, a second try keeps that from hiding the rest of the suite.
test.describe.configure({ retries: 1 });

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
  const decision = page.waitForRequest((r) => r.method() === 'POST' && r.url().includes('/escalations/'));
  await run.escalationDialog.getByTestId('escalation-approve').click();
  expect((await decision).url()).toContain(`/escalations/${encodeURIComponent(escalationId)}`);
  // Any later question of this run (another research subtask) is approved too, until the run completes.
  await expect
    .poll(
      async () => {
        const dialog = run.escalationDialog;
        if (await dialog.isVisible())
          await dialog
            .getByTestId('escalation-approve')
            .click()
            .catch(() => {});
        return run.status.getAttribute('data-status');
      },
      // Each research subtask asks in turn; on a busy two-core machine that takes more than a minute.
      { timeout: 150_000, intervals: [500] },
    )
    .toBe('completed');

  const trace = (await (await fetch(`${base}/api/runs/${runId}/trace`)).json()) as { events: RunEvent[] };
  const requested = trace.events.filter((e) => e.type === 'escalation.requested' && e.escalationId === escalationId);
  expect(requested).toHaveLength(1);
});
