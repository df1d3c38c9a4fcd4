// Copy, paste and duplicate: a fragment of the graph (nodes and the edges among them) re-created with new ids and names.
import type { GraphDocument, GraphEdge, GraphNode } from '@baton/contracts';
import { absolutePosition } from './mesh-parenting';
import { takenNames, uniqueName } from './node-factory';

export interface Fragment {
  nodes: readonly GraphNode[];
  edges: readonly GraphEdge[];
}

/** How far a pasted copy sits from the original, so both stay visible. */
export const PASTE_OFFSET = 48;

/** The selected nodes (with the peers of selected meshes) and every edge with both ends among them. */
export function extractFragment(document: GraphDocument, nodeIds: ReadonlySet<string>): Fragment | null {
  const byId = new Map(document.nodes.map((node) => [node.id, node]));
  const picked = new Set(
    document.nodes
      .filter((node) => nodeIds.has(node.id) || (node.parentId !== undefined && nodeIds.has(node.parentId)))
      .map((node) => node.id),
  );
  if (picked.size === 0) return null;
  const nodes = document.nodes
    .filter((node) => picked.has(node.id))
    .map((node) => {
      // A peer copied without its mesh becomes a free node where it was.
      if (!node.parentId || picked.has(node.parentId)) return node;
      const { parentId: _parent, ...rest } = node;
      return { ...rest, position: absolutePosition(node, byId) } as GraphNode;
    });
  const edges = document.edges.filter((edge) => picked.has(edge.source) && picked.has(edge.target));
  return { nodes, edges };
}

/** New nodes and edges for `fragment`: fresh ids, unique names, moved by `offset` steps of PASTE_OFFSET. */
export function instantiateFragment(
  fragment: Fragment,
  document: GraphDocument,
  createId: (prefix: 'n' | 'e') => string,
  offset = 1,
): Fragment {
  const ids = new Map(fragment.nodes.map((node) => [node.id, createId('n')]));
  const taken = takenNames(document.nodes);
  const shift = PASTE_OFFSET * offset;
  const nodes = fragment.nodes.map((node) => {
    const name = uniqueName(node.data.name, taken);
    taken.add(name);
    const parentId = node.parentId ? ids.get(node.parentId) : undefined;
    const position = parentId ? node.position : { x: node.position.x + shift, y: node.position.y + shift };
    const copy = { ...node, id: ids.get(node.id)!, position, data: { ...node.data, name } } as GraphNode;
    if (parentId) copy.parentId = parentId;
    return copy;
  });
  const edges = fragment.edges.map(
    (edge) =>
      ({ ...edge, id: createId('e'), source: ids.get(edge.source)!, target: ids.get(edge.target)! }) as GraphEdge,
  );
  return { nodes, edges };
}

/** The document without the given nodes (and the peers of removed meshes), their edges and the given edges. */
export function removeElements(
  document: GraphDocument,
  nodeIds: ReadonlySet<string>,
  edgeIds: ReadonlySet<string>,
): GraphDocument {
  const removed = new Set(
    document.nodes
      .filter((node) => nodeIds.has(node.id) || (node.parentId !== undefined && nodeIds.has(node.parentId)))
      .map((node) => node.id),
  );
  const nodes = removed.size > 0 ? document.nodes.filter((node) => !removed.has(node.id)) : document.nodes;
  const edges = document.edges.filter(
    (edge) => !edgeIds.has(edge.id) && !removed.has(edge.source) && !removed.has(edge.target),
  );
  if (nodes === document.nodes && edges.length === document.edges.length) return document;
  return { ...document, nodes, edges };
}
