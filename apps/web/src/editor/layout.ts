// Auto-layout: elkjs "layered", left to right, over the top-level nodes; a mesh's peers are arranged in a grid inside it.
import type { GraphDocument, GraphNode, Position } from '@baton/contracts';
import ELK from 'elkjs/lib/elk.bundled.js';
import type { MeasuredSizes, Size } from './mesh-parenting';
import { nodeSize } from './node-factory';

export interface LayoutResult {
  positions: Map<string, Position>;
  /** New sizes of meshes, grown or shrunk to hold their peers. */
  sizes: Map<string, Size>;
}

/** Room inside a mesh: its header (name, tier) and the padding around the peers. */
const MESH_HEADER = 56;
const MESH_PADDING = 24;
const PEER_GAP = 24;

const LAYOUT_OPTIONS = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.spacing.nodeNode': '48',
  'elk.layered.spacing.nodeNodeBetweenLayers': '96',
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
  'elk.edgeRouting': 'SPLINES',
} as const;

let elk: InstanceType<typeof ELK> | null = null;

/** Computes new positions; the caller applies them (one undo step). Runs asynchronously so the page stays responsive. */
export async function computeLayout(document: GraphDocument, measured: MeasuredSizes): Promise<LayoutResult> {
  const positions = new Map<string, Position>();
  const sizes = new Map<string, Size>();
  const peers = new Map<string, GraphNode[]>();
  for (const node of document.nodes) {
    if (!node.parentId) continue;
    const list = peers.get(node.parentId);
    if (list) list.push(node);
    else peers.set(node.parentId, [node]);
  }
  for (const [meshId, list] of peers) sizes.set(meshId, arrangePeers(list, measured, positions));

  const topLevel = document.nodes.filter((node) => !node.parentId);
  const topIds = new Set(topLevel.map((node) => node.id));
  const parentOf = new Map(document.nodes.map((node) => [node.id, node.parentId]));
  const ownerOf = (id: string) => parentOf.get(id) ?? id;
  const seen = new Set<string>();
  const edges = document.edges.flatMap((edge) => {
    const source = ownerOf(edge.source);
    const target = ownerOf(edge.target);
    const key = `${source}->${target}`;
    if (source === target || !topIds.has(source) || !topIds.has(target) || seen.has(key)) return [];
    seen.add(key);
    return [{ id: edge.id, sources: [source], targets: [target] }];
  });

  elk ??= new ELK();
  const graph = await elk.layout({
    id: 'root',
    layoutOptions: LAYOUT_OPTIONS,
    children: topLevel.map((node) => ({
      id: node.id,
      ...(sizes.get(node.id) ?? nodeSize(node, measured.get(node.id))),
    })),
    edges,
  });
  for (const child of graph.children ?? []) {
    positions.set(child.id, { x: Math.round(child.x ?? 0), y: Math.round(child.y ?? 0) });
  }
  return { positions, sizes };
}

/** Places peers in a grid below the mesh header (positions relative to the mesh); returns the mesh's size. */
function arrangePeers(list: readonly GraphNode[], measured: MeasuredSizes, positions: Map<string, Position>): Size {
  const columns = Math.ceil(Math.sqrt(list.length));
  const cell = list.reduce(
    (max, node) => {
      const size = nodeSize(node, measured.get(node.id));
      return { width: Math.max(max.width, size.width), height: Math.max(max.height, size.height) };
    },
    { width: 0, height: 0 },
  );
  list.forEach((node, i) => {
    const column = i % columns;
    const row = Math.floor(i / columns);
    positions.set(node.id, {
      x: MESH_PADDING + column * (cell.width + PEER_GAP),
      y: MESH_HEADER + row * (cell.height + PEER_GAP),
    });
  });
  const rows = Math.ceil(list.length / columns);
  return {
    width: MESH_PADDING * 2 + columns * cell.width + (columns - 1) * PEER_GAP,
    height: MESH_HEADER + MESH_PADDING + rows * cell.height + (rows - 1) * PEER_GAP,
  };
}
