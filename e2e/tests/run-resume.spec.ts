// A run started with an OpenAI-compatible provider cannot resume on a server without the key: it ends interrupted,
// the page says why and offers Resume; with the key back, Resume starts a new attempt and the page follows it.
import type { RunEvent } from '@baton/contracts';
import { expect, test } from '@playwright/test';
import { RunPage } from '../pages/run-page';
import { type ExtraServer, startExtraServer, startFakeOpenAI } from '../support/extra-server';

let server: ExtraServer | undefined;
let fake: { stop(): Promise<void> } | undefined;
test.afterEach(async () => {
  await server?.stop();
  await fake?.stop();
  server = undefined;
  fake = undefined;
});

test('interrupted without the provider key, with the reason; Resume with the key back completes the run', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const openai = await startFakeOpenAI(undefined, { chunkDelayMs: 40 });
  fake = openai;
  server = await startExtraServer({ OPENAI_API_KEY: 'sk-e2e-key', OPENAI_BASE_URL: openai.baseURL });
  const base = server.baseURL;
  const run = new RunPage(page);
  await page.goto(`${base}/graphs/example-peer-review`);
  await expect(run.panel).toBeVisible();
  const runId = await run.start('A haiku about rain');

  // Once the first model call is stored, the server dies and comes back without the key.
  await expect
    .poll(async () => {
      const { events } = (await (await fetch(`${base}/api/runs/${runId}/trace`)).json()) as { events: RunEvent[] };
      return events.some((e) => e.type === 'action.completed' && e.model !== undefined);
    })
    .toBe(true);
  await server.restart({ OPENAI_API_KEY: '' });
  await run.expectRunStatus('interrupted');
  await expect(page.getByTestId('run-interrupted-reason')).toContainText('no OPENAI_API_KEY');
  await expect(page.getByTestId('run-resume')).toBeVisible();

  // The key is back: the run stays interrupted until a person resumes it, then the page follows the new attempt.
  await server.restart({ OPENAI_API_KEY: 'sk-e2e-key' });
  await page.getByTestId('run-resume').click();
  await run.expectRunStatus('completed');
  // The keyless server wrote only run.interrupted (no attempt began there): the resumed attempt is the second.
  await expect(page.getByTestId('trace-attempt')).toHaveCount(1);
  await expect(page.getByTestId('trace-attempt')).toContainText(
    /Resumed after a restart: [1-9]\d* steps? reused, \d+ repeated/,
  );
  await expect(page.getByTestId('run-resume')).toBeHidden();
  const { events } = (await (await fetch(`${base}/api/runs/${runId}/trace`)).json()) as { events: RunEvent[] };
  expect(events.filter((e) => e.type === 'run.interrupted')).toHaveLength(1);
  expect(events.filter((e) => e.type === 'run.started').map((e) => e.type === 'run.started' && e.attempt)).toEqual([
    1, 2,
  ]);
});
