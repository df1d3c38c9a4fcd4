// The trace follows the newest action while live, stops following when the person scrolls away, and resumes.
import { expect, type Locator, test } from '@playwright/test';
import { importGraph, wideGraph } from '../pages/run-api';
import { RunPage } from '../pages/run-page';

const ROW_HEIGHT = 28;

test('the live trace follows the newest action unless the person scrolled away', async ({ page, request }) => {
  test.setTimeout(300_000);
  // 100 workers, at most 2 at a time: actions keep arriving for tens of seconds after the list first scrolls, so every
  // step below happens while the run is live. (With all workers at once they finished within a second of that, and
  // the run could end between the person's scroll and the check.)
  const document = wideGraph(100);
  const nodes = document.nodes.map((node) =>
    node.id === 'lead' ? { ...node, data: { ...node.data, concurrency: 2 } } : node,
  );
  const graph = await importGraph(request, { ...document, nodes });
  const run = new RunPage(page);
  await run.open(graph.id);
  await run.start('Write a field guide to the birds of Europe');
  const list = page.getByTestId('trace-list');
  const scrollTop = () => list.evaluate((el) => el.scrollTop);

  // Following: the list scrolls down by itself as actions arrive.
  // The plan of 160 subtasks streams token by token first, which takes a while on a loaded machine.
  await expect.poll(scrollTop, { timeout: 120_000 }).toBeGreaterThan(200);
  await expect(run.status).toHaveAttribute('data-status', 'running');

  // The person scrolls back up to read: the rows they see stay in view while the run goes on. (Rows of new actions
  // may be inserted above them, so the offset itself may grow: the browser's scroll anchoring keeps what the person
  // reads in place, which is what they want.)
  // The run panel's layout may still move while the run starts (the status, the notes), so a wheel turned where the
  // list was may land beside it: turn it again over the list until the list says it stopped following.
  const follow = page.getByRole('button', { name: 'Follow live' });
  await expect(async () => {
    await list.hover();
    await page.mouse.wheel(0, -100_000);
    await expect(follow).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  await expect.poll(scrollTop).toBeLessThan(ROW_HEIGHT * 10);
  const readingThen = await firstRowInView(list);
  const actionsThen = (await run.counts()).actions;
  await expect.poll(async () => (await run.counts()).actions).toBeGreaterThan(actionsThen + 8);
  expect(await firstRowInView(list)).toBe(readingThen);

  // Following again: back to the newest.
  await follow.click();
  await expect.poll(scrollTop).toBeGreaterThan(200);
  await expect(follow).toBeHidden();
  await run.expectRunStatus('completed', 120_000);
});

/** The action of the first row whose top is inside the list's view. */
function firstRowInView(list: Locator): Promise<string | null> {
  return list.evaluate((el) => {
    const viewTop = el.getBoundingClientRect().top;
    let best: { top: number; id: string | null } | null = null;
    for (const row of el.querySelectorAll<HTMLElement>('[data-testid="trace-row"]')) {
      const top = row.getBoundingClientRect().top;
      if (top >= viewTop - 1 && (best === null || top < best.top)) best = { top, id: row.dataset.actionId ?? null };
    }
    return best?.id ?? null;
  });
}
