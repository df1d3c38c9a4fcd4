// Exports of the open graph: the JSON file of the format (as the server writes it) and a PNG of the canvas.
import { exportGraphJson, type GraphDocument } from '@baton/contracts';
import { getViewportForBounds } from '@xyflow/react';
import { downloadBlob, fileSlug } from './files';

export const graphFileName = (name: string): string => `${fileSlug(name)}.baton.json`;

/**
 * Downloads `<name>.baton.json` of the document on screen, serialised by the contracts' `exportGraphJson`: the same
 * bytes the server's export writes (pretty, stable key order), whether or not the draft has been saved yet.
 */
export function exportGraphFile(document: GraphDocument): void {
  const text = exportGraphJson(document);
  downloadBlob(new Blob([text], { type: 'application/json' }), graphFileName(document.name));
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const TRANSLATE = /translate\(\s*(-?[\d.]+)px\s*,\s*(-?[\d.]+)px\s*\)/;

/** The nodes' bounds in flow coordinates, read from the rendered nodes (positions are absolute in the DOM). */
export function renderedNodeBounds(viewportElement: Element): Box | null {
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const node of viewportElement.querySelectorAll<HTMLElement>('.react-flow__node')) {
    const match = TRANSLATE.exec(node.style.transform);
    if (!match) continue;
    const x = Number(match[1]);
    const y = Number(match[2]);
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x + node.offsetWidth);
    maxY = Math.max(maxY, y + node.offsetHeight);
  }
  if (!Number.isFinite(minX)) return null;
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}

const MAX_SIDE = 4096;
const MARGIN = 48;

/**
 * Renders every node and edge of the canvas (not just what is in view) to a PNG and downloads it, following
 * React Flow's download-image example: the viewport element redrawn with a transform that fits all nodes.
 */
export async function exportCanvasPng(container: HTMLElement, name: string): Promise<void> {
  const viewportElement = container.querySelector<HTMLElement>('.react-flow__viewport');
  if (!viewportElement) throw new Error('The canvas is not ready yet.');
  const bounds = renderedNodeBounds(viewportElement);
  if (!bounds) throw new Error('The canvas is empty: add a node first.');
  const width = Math.min(MAX_SIDE, Math.ceil(bounds.width + 2 * MARGIN));
  const height = Math.min(MAX_SIDE, Math.ceil(bounds.height + 2 * MARGIN));
  const viewport = getViewportForBounds(bounds, width, height, 0.1, 1, `${MARGIN}px`);
  const background = getComputedStyle(container).getPropertyValue('--bg-canvas').trim() || '#ffffff';
  // Straight to a Blob from the canvas: fetching a data: URL back would need connect-src data: in the CSP.
  // Loaded on first use: only an export needs it.
  const { toBlob } = await import('html-to-image');
  const blob = await toBlob(viewportElement, {
    backgroundColor: background,
    width,
    height,
    pixelRatio: 2,
    style: {
      width: `${width}px`,
      height: `${height}px`,
      transform: `translate(${viewport.x}px, ${viewport.y}px) scale(${viewport.zoom})`,
    },
  });
  if (!blob) throw new Error('The browser could not draw the canvas as an image.');
  downloadBlob(blob, `${fileSlug(name)}.png`);
}
