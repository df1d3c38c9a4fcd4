// Pan and drag gestures driven for a fixed time while the page counts its frames.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { countFrames, findNodePoint, findPanePoint } from './probes';

/** Moves the pressed mouse in a circle around `from` for `ms`, while the page counts frames; returns frames/s. */
async function circleWhilePressed(page: Page, from: { x: number; y: number }, ms: number): Promise<number> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  const frames = page.evaluate(countFrames, ms);
  const start = Date.now();
  let step = 0;
  while (Date.now() - start < ms) {
    step++;
    const angle = step / 8;
    await page.mouse.move(from.x + 80 * Math.cos(angle), from.y + 60 * Math.sin(angle));
  }
  const counted = await frames;
  // Back to the start before releasing, so that the view (or the node) ends where it began.
  await page.mouse.move(from.x, from.y);
  await page.mouse.up();
  return (counted.frames * 1000) / counted.ms;
}

export async function panFps(page: Page, ms: number): Promise<number> {
  const point = await page.evaluate(findPanePoint);
  if (!point) throw new Error('found no empty pane to pan from');
  return circleWhilePressed(page, point, ms);
}

export async function dragFps(page: Page, ms: number): Promise<number> {
  const point = await page.evaluate(findNodePoint);
  if (!point) {
    const file = join(tmpdir(), `baton-bench-no-node-${Date.now()}.png`);
    await page.screenshot({ path: file });
    throw new Error(`found no node fully on screen to drag (screenshot: ${file})`);
  }
  return circleWhilePressed(page, point, ms);
}
