// Where a node added by a click goes: the free space nearest the view's centre, so it never lands on another node.
import type { GraphNode } from '@baton/contracts';
import type { MeasuredSizes } from './mesh-parenting';
import { nodeSize } from './node-factory';

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Room kept between the new node and its neighbours. */
const GAP = 24;
/** The search walks rings of this step around the centre, up to MAX_RINGS away. */
const STEP = 48;
const MAX_RINGS = 30;

/** The top-left corner for a node of `size` centred as near `centre` as free space allows. */
export function freeSpotNear(
  centre: { x: number; y: number },
  size: { width: number; height: number },
  nodes: readonly GraphNode[],
  measured: MeasuredSizes,
): { x: number; y: number } {
  // Top-level nodes only: a mesh's frame already covers its peers.
  const taken: Rect[] = nodes
    .filter((node) => !node.parentId)
    .map((node) => ({ ...node.position, ...nodeSize(node, measured.get(node.id)) }));
  const start = { x: centre.x - size.width / 2, y: centre.y - size.height / 2 };
  for (let ring = 0; ring <= MAX_RINGS; ring++) {
    for (const offset of ringOffsets(ring)) {
      const spot = { x: start.x + offset.x * STEP, y: start.y + offset.y * STEP };
      if (!taken.some((rect) => overlaps(rect, { ...spot, ...size }))) return spot;
    }
  }
  return start;
}

/** The grid offsets at Chebyshev distance `ring`, nearest to the centre first. */
function ringOffsets(ring: number): { x: number; y: number }[] {
  if (ring === 0) return [{ x: 0, y: 0 }];
  const cells: { x: number; y: number }[] = [];
  for (let x = -ring; x <= ring; x++) {
    for (let y = -ring; y <= ring; y++) if (Math.max(Math.abs(x), Math.abs(y)) === ring) cells.push({ x, y });
  }
  return cells.sort((a, b) => Math.hypot(a.x, a.y) - Math.hypot(b.x, b.y));
}

function overlaps(a: Rect, b: Rect): boolean {
  return (
    a.x < b.x + b.width + GAP && b.x < a.x + a.width + GAP && a.y < b.y + b.height + GAP && b.y < a.y + a.height + GAP
  );
}
