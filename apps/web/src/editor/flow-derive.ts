// React Flow nodes and edges derived from the document; unchanged nodes keep their object, so React Flow skips them.
import type { EdgeKind, GraphEdge, GraphNode, NodeData, NodeKind } from '@baton/contracts';
import type { Edge, Node } from '@xyflow/react';
import type { DocumentState } from './document-store';
import { HANDLE } from './kinds/kind';
import type { Size } from './mesh-parenting';

export type FlowNode<K extends NodeKind = NodeKind> = Node<NodeData<K>, K>;
export type FlowEdge<K extends EdgeKind = EdgeKind> = Edge<Extract<GraphEdge, { kind: K }>, K>;

interface NodeCacheEntry {
  source: GraphNode;
  selected: boolean;
  measured: Size | undefined;
  flow: FlowNode;
}

interface EdgeCacheEntry {
  source: GraphEdge;
  selected: boolean;
  flow: FlowEdge;
}

/** Selectors with their own caches: make one pair per store (per canvas). */
export function createFlowSelectors() {
  let nodeCache = new Map<string, NodeCacheEntry>();
  let edgeCache = new Map<string, EdgeCacheEntry>();
  let lastNodes: { nodes: unknown; selection: unknown; measured: unknown; result: FlowNode[] } | null = null;
  let lastEdges: { edges: unknown; selection: unknown; result: FlowEdge[] } | null = null;

  const selectNodes = (state: DocumentState): FlowNode[] => {
    const { document, selection, measured } = state;
    if (
      lastNodes &&
      lastNodes.nodes === document.nodes &&
      lastNodes.selection === selection.nodes &&
      lastNodes.measured === measured
    ) {
      return lastNodes.result;
    }
    const next = new Map<string, NodeCacheEntry>();
    const result = document.nodes.map((node) => {
      const selected = selection.nodes.has(node.id);
      const size = measured.get(node.id);
      const cached = nodeCache.get(node.id);
      const entry =
        cached && cached.source === node && cached.selected === selected && cached.measured === size
          ? cached
          : { source: node, selected, measured: size, flow: toFlowNode(node, selected, size) };
      next.set(node.id, entry);
      return entry.flow;
    });
    nodeCache = next;
    lastNodes = { nodes: document.nodes, selection: selection.nodes, measured, result };
    return result;
  };

  const selectEdges = (state: DocumentState): FlowEdge[] => {
    const { document, selection } = state;
    if (lastEdges && lastEdges.edges === document.edges && lastEdges.selection === selection.edges) {
      return lastEdges.result;
    }
    const next = new Map<string, EdgeCacheEntry>();
    const result = document.edges.map((edge) => {
      const selected = selection.edges.has(edge.id);
      const cached = edgeCache.get(edge.id);
      const entry =
        cached && cached.source === edge && cached.selected === selected
          ? cached
          : { source: edge, selected, flow: toFlowEdge(edge, selected) };
      next.set(edge.id, entry);
      return entry.flow;
    });
    edgeCache = next;
    lastEdges = { edges: document.edges, selection: selection.edges, result };
    return result;
  };

  return { selectNodes, selectEdges };
}

function toFlowNode(node: GraphNode, selected: boolean, measured: Size | undefined): FlowNode {
  const flow: FlowNode = { id: node.id, type: node.kind, position: node.position, data: node.data, selected };
  if (node.parentId) flow.parentId = node.parentId;
  if (node.width !== undefined) flow.width = node.width;
  if (node.height !== undefined) flow.height = node.height;
  if (measured) flow.measured = measured;
  // Meshes sit behind their peers and behind edges crossing them.
  if (node.kind === 'mesh') flow.zIndex = -1;
  return flow;
}

function toFlowEdge(edge: GraphEdge, selected: boolean): FlowEdge {
  const dispatch = edge.kind === 'dispatch';
  return {
    id: edge.id,
    type: edge.kind,
    source: edge.source,
    target: edge.target,
    sourceHandle: dispatch ? HANDLE.dispatch : HANDLE.out,
    targetHandle: dispatch ? HANDLE.worker : HANDLE.in,
    data: edge,
    selected,
  } as FlowEdge;
}
