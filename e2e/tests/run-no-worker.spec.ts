// With runs handed to queue workers (PostgreSQL and Redis, started here) and none running, a started run stays
// queued and its page says "No worker is running"; once a worker starts, the notice goes and the run completes.
import { type PostgresServer, type RedisServer, startPostgres, startRedis } from '@baton/toolchain';
import { expect, test } from '@playwright/test';
import { RunPage } from '../pages/run-page';
import { type ExtraServer, startExtraServer, startExtraWorker } from '../support/extra-server';

let postgres: PostgresServer | undefined;
let redis: RedisServer | undefined;
let server: ExtraServer | undefined;
let worker: { stop(): Promise<void> } | undefined;

test.afterEach(async () => {
  await worker?.stop();
  await server?.stop();
  await Promise.all([postgres?.stop(), redis?.stop()]);
});

test('a run queued with no worker says so, and runs once a worker starts', async ({ page }) => {
  test.setTimeout(180_000);
  [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
  const env = {
    BATON_DATABASE_URL: postgres.createDatabase('e2e_no_worker'),
    BATON_QUEUE_URL: redis.url,
    BATON_NO_WORKER_AFTER_MS: '1000',
    BATON_SIM_CALL_MS: '20',
  };
  server = await startExtraServer(env);
  const run = new RunPage(page);
  await page.goto(`${server.baseURL}/graphs/example-research-and-write`);
  await expect(run.panel).toBeVisible();
  await run.start('Write a short note on tide pools');
  const notice = page.getByTestId('run-no-worker');
  await expect(notice).toHaveText(/No worker is running/, { timeout: 20_000 });
  await expect(run.status).toHaveAttribute('data-status', 'queued');

  worker = await startExtraWorker(env);
  await expect(run.status).toHaveAttribute('data-status', 'completed', { timeout: 60_000 });
  await expect(notice).toHaveCount(0);
});
