import { describe, expect, it } from 'vitest';
import { MAX_FIT_ZOOM, MIN_FIT_ZOOM, MINIMAP_SIZE, readableViewport } from './fit-view';

describe('readableViewport', () => {
  it('fits a small graph whole, with the minimap corner left free', () => {
    const bounds = { x: 0, y: 0, width: 600, height: 200 };
    const viewport = readableViewport({ bounds, inputCentre: { x: 50, y: 100 }, width: 1200, height: 500 });
    // 600 px fit in (1200 - 24 - the minimap's 198) at more than 1: the cap, 1.1, applies.
    expect(viewport.zoom).toBe(MAX_FIT_ZOOM);
    const leftEdge = viewport.x + bounds.x * viewport.zoom;
    const rightEdge = viewport.x + (bounds.x + bounds.width) * viewport.zoom;
    expect(leftEdge).toBeGreaterThanOrEqual(24);
    expect(rightEdge).toBeLessThanOrEqual(1200 - MINIMAP_SIZE.width);
  });

  it('shows a graph too large to read whole from its input, centred on its row, at the smallest readable zoom', () => {
    const viewport = readableViewport({
      bounds: { x: 0, y: 0, width: 3000, height: 900 },
      inputCentre: { x: 110, y: 400 },
      width: 800,
      height: 400,
    });
    expect(viewport.zoom).toBe(MIN_FIT_ZOOM);
    expect(viewport.x).toBeCloseTo(24);
    expect(viewport.y + 400 * viewport.zoom).toBeCloseTo(200);
  });
});
