// Measures of the editor's layout from element boxes, for the workbench spec: what is in view, what is cut, where
// the minimap sits and the canvas's zoom.
import type { Locator, Page } from '@playwright/test';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** The canvas's zoom, from the React Flow viewport's transform. */
export async function canvasZoom(page: Page): Promise<number> {
  const transform = await page.locator('.react-flow__viewport').evaluate((el) => getComputedStyle(el).transform);
  const match = /matrix\(([-\d.e]+)/.exec(transform);
  return match ? Number(match[1]) : 1;
}

/** Trace rows whose whole box is inside the trace list's box and inside the window. */
export async function traceRowsInView(page: Page): Promise<number> {
  return page.getByTestId('trace-list').evaluate((list) => {
    const frame = list.getBoundingClientRect();
    const rows = [...list.querySelectorAll('[data-testid="trace-row"]')].map((row) => row.getBoundingClientRect());
    return rows.filter(
      (row) => row.top >= frame.top - 0.5 && row.bottom <= frame.bottom + 0.5 && row.bottom <= window.innerHeight,
    ).length;
  });
}

/** Labels (agents, action types, tools) and figures of the rendered rows whose text is cut (wider than their box). */
export async function cutTraceLabels(page: Page): Promise<string[]> {
  return page
    .getByTestId('trace-list')
    .evaluate((list) =>
      [...list.querySelectorAll<HTMLElement>('.trace-agent, .trace-type, .trace-tool-name, .trace-meta')]
        .filter((label) => label.scrollWidth > label.clientWidth + 0.5)
        .map((label) => label.textContent ?? ''),
    );
}

/** True when the element's box is wholly inside the window (no scrolling needed to see it). */
export async function wholeInWindow(locator: Locator): Promise<boolean> {
  return locator.evaluate((el) => {
    const box = el.getBoundingClientRect();
    return (
      box.width > 0 &&
      box.top >= 0 &&
      box.left >= 0 &&
      box.bottom <= window.innerHeight &&
      box.right <= window.innerWidth
    );
  });
}

/** Boxes of the canvas's nodes that show (inside the canvas). */
export async function nodeBoxes(page: Page): Promise<Box[]> {
  return page.locator('.react-flow').evaluate((flow) => {
    const frame = flow.getBoundingClientRect();
    return [...flow.querySelectorAll('.react-flow__node')]
      .map((node) => node.getBoundingClientRect())
      .filter(
        (box) => box.right > frame.left && box.left < frame.right && box.bottom > frame.top && box.top < frame.bottom,
      )
      .map((box) => ({ x: box.x, y: box.y, width: box.width, height: box.height }));
  });
}
