// Mesh membership by position: a specialist dropped inside a mesh becomes its peer, dragged out it leaves.
import type { GraphNode, Position } from '@baton/contracts';
import { nodeSize } from './node-factory';

export type Size = { width: number; height: number };
export type MeasuredSizes = ReadonlyMap<string, Size>;

/** A node's position on the canvas: children of a mesh store positions relative to it. */
export function absolutePosition(node: GraphNode, byId: ReadonlyMap<string, GraphNode>): Position {
  if (!node.parentId) return node.position;
  const parent = byId.get(node.parentId);
  if (!parent) return node.position;
  const origin = absolutePosition(parent, byId);
  return { x: origin.x + node.position.x, y: origin.y + node.position.y };
}

/** The mesh whose area holds the centre of `node`, if any. Only specialists can be peers. */
export function findContainingMesh(
  node: GraphNode,
  nodes: readonly GraphNode[],
  byId: ReadonlyMap<string, GraphNode>,
  measured: MeasuredSizes,
): GraphNode | undefined {
  if (node.kind !== 'specialist') return undefined;
  const position = absolutePosition(node, byId);
  const size = nodeSize(node, measured.get(node.id));
  const centre = { x: position.x + size.width / 2, y: position.y + size.height / 2 };
  // The last mesh drawn is on top, so it wins when meshes overlap.
  for (let i = nodes.length - 1; i >= 0; i--) {
    const mesh = nodes[i]!;
    if (mesh.kind !== 'mesh' || mesh.id === node.id) continue;
    const origin = absolutePosition(mesh, byId);
    const area = nodeSize(mesh, measured.get(mesh.id));
    if (
      centre.x >= origin.x &&
      centre.x <= origin.x + area.width &&
      centre.y >= origin.y &&
      centre.y <= origin.y + area.height
    ) {
      return mesh;
    }
  }
  return undefined;
}

/** Room a peer keeps from its mesh's edges, and the mesh's header (name, kind, hint) a peer must not cover. */
const PEER_MARGIN = 12;
const MESH_HEADER = 56;

/**
 * `node` with `parentId` set to `meshId` (or cleared), its position converted so it stays where it is on screen. A
 * peer that joins is nudged wholly inside its mesh's frame (below the header): a peer sticking out of the frame
 * reads as not belonging to it.
 */
export function reparent(
  node: GraphNode,
  mesh: GraphNode | undefined,
  byId: ReadonlyMap<string, GraphNode>,
  measured: MeasuredSizes = new Map(),
): GraphNode {
  if (mesh && mesh.id === node.parentId) {
    const inside = insideFrame(node, mesh, node.position, measured);
    return inside === node.position ? node : ({ ...node, position: inside } as GraphNode);
  }
  if (!mesh && node.parentId === undefined) return node;
  const absolute = absolutePosition(node, byId);
  const { parentId: _old, ...rest } = node;
  if (!mesh) return { ...rest, position: absolute } as GraphNode;
  const origin = absolutePosition(mesh, byId);
  const relative = { x: absolute.x - origin.x, y: absolute.y - origin.y };
  return { ...rest, parentId: mesh.id, position: insideFrame(node, mesh, relative, measured) } as GraphNode;
}

/** A peer's position relative to its mesh, moved the least so that its box lies inside the frame. */
function insideFrame(node: GraphNode, mesh: GraphNode, relative: Position, measured: MeasuredSizes): Position {
  const size = nodeSize(node, measured.get(node.id));
  const area = nodeSize(mesh, measured.get(mesh.id));
  const clamp = (value: number, low: number, high: number) => Math.min(Math.max(value, low), Math.max(low, high));
  const x = clamp(relative.x, PEER_MARGIN, area.width - size.width - PEER_MARGIN);
  const y = clamp(relative.y, MESH_HEADER, area.height - size.height - PEER_MARGIN);
  return x === relative.x && y === relative.y ? relative : { x, y };
}

/** React Flow needs every parent before its children; keeps the order otherwise, and the same array when it is fine. */
export function parentsFirst(nodes: GraphNode[]): GraphNode[] {
  const index = new Map(nodes.map((node, i) => [node.id, i]));
  const misplaced = nodes.some((node, i) => node.parentId !== undefined && (index.get(node.parentId) ?? -1) > i);
  if (!misplaced) return nodes;
  return [...nodes.filter((node) => !node.parentId), ...nodes.filter((node) => node.parentId)];
}
