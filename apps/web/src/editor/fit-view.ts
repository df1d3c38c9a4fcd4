// Fitting the graph to the canvas at a size people can read: never below MIN_FIT_ZOOM (node titles stay >= 11 px on
// screen); a graph too large for that starts at its input, whose row is centred, the rest a pan away. The fit also keeps the
// minimap's corner free, so that no node sits under it.
import { getViewportForBounds, type ReactFlowInstance, type Rect, type Viewport } from '@xyflow/react';

/** Node titles are 14 px: at 0.75 they read at 10.5-11 px, the smallest a person reads without leaning in. */
export const MIN_FIT_ZOOM = 0.75;
export const MAX_FIT_ZOOM = 1.1;
/** The minimap's size (kept small so it covers little) and its margin from the canvas's corner. */
export const MINIMAP_SIZE = { width: 168, height: 112 };
const MINIMAP_MARGIN = 15;
/** Below this canvas width the minimap is hidden (editor.css, a container query): it would cover the graph. */
export const MINIMAP_MIN_CANVAS_WIDTH = 900;
const PADDING_PX = 24;

export interface FitRequest {
  bounds: Rect;
  /** The centre of the input node, in flow coordinates, when the graph has one. */
  inputCentre: { x: number; y: number } | null;
  width: number;
  height: number;
}

/** The viewport that fits `bounds` at a readable zoom, or centres the input when the graph is too large. */
export function readableViewport({ bounds, inputCentre, width, height }: FitRequest): Viewport {
  const minimap = width >= MINIMAP_MIN_CANVAS_WIDTH;
  // The minimap sits bottom-right: leave its width free on the right, so a fitted graph never runs under it.
  const right = minimap ? MINIMAP_SIZE.width + MINIMAP_MARGIN * 2 : PADDING_PX;
  // Pixel paddings as strings: React Flow reads a bare number as a fraction of the view.
  const fitted = getViewportForBounds(bounds, width, height, 0.01, MAX_FIT_ZOOM, {
    top: `${PADDING_PX}px`,
    bottom: `${PADDING_PX}px`,
    left: `${PADDING_PX}px`,
    right: `${right}px`,
  });
  if (fitted.zoom >= MIN_FIT_ZOOM) return fitted;
  // Too large to read whole: the graph starts at the left edge, its input's row centred, the rest a pan away.
  const zoom = MIN_FIT_ZOOM;
  const centreY = inputCentre?.y ?? bounds.y + bounds.height / 2;
  const startX = Math.min(inputCentre?.x ?? bounds.x, bounds.x);
  return { x: PADDING_PX - startX * zoom, y: height / 2 - centreY * zoom, zoom };
}

/** Fits the flow's nodes into the element `canvas` (the React Flow container's parent). */
export function fitReadable(flow: ReactFlowInstance, canvas: HTMLElement | null, duration = 300): Promise<boolean> {
  const nodes = flow.getNodes();
  if (!canvas || nodes.length === 0) return Promise.resolve(false);
  const input = nodes.find((node) => node.type === 'input');
  const inputBox = input ? flow.getNodesBounds([input]) : null;
  const viewport = readableViewport({
    bounds: flow.getNodesBounds(nodes),
    inputCentre: inputBox ? { x: inputBox.x + inputBox.width / 2, y: inputBox.y + inputBox.height / 2 } : null,
    width: canvas.clientWidth,
    height: canvas.clientHeight,
  });
  return flow.setViewport(viewport, { duration });
}
