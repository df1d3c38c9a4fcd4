// What every rule needs: the nodes and edges by id with their places in the document, and how to name them.
import type { GraphEdge } from '../edges';
import type { GraphDocument } from '../graph';
import type { GraphIssue } from '../issues';
import type { GraphNode } from '../nodes';

export interface IndexedNode {
  node: GraphNode;
  index: number;
}

export interface IndexedEdge {
  edge: GraphEdge;
  index: number;
}

export interface RuleContext {
  graph: GraphDocument;
  /** The first node with each id (later duplicates are reported by the identity rules). */
  nodes: Map<string, IndexedNode>;
  /** Edges whose both ends exist, grouped by their source and by their target. */
  outgoing: Map<string, IndexedEdge[]>;
  incoming: Map<string, IndexedEdge[]>;
}

export type Rule = (context: RuleContext) => GraphIssue[];

export function buildContext(graph: GraphDocument): RuleContext {
  const nodes = new Map<string, IndexedNode>();
  graph.nodes.forEach((node, index) => {
    if (!nodes.has(node.id)) nodes.set(node.id, { node, index });
  });
  const outgoing = new Map<string, IndexedEdge[]>();
  const incoming = new Map<string, IndexedEdge[]>();
  graph.edges.forEach((edge, index) => {
    if (!nodes.has(edge.source) || !nodes.has(edge.target)) return;
    push(outgoing, edge.source, { edge, index });
    push(incoming, edge.target, { edge, index });
  });
  return { graph, nodes, outgoing, incoming };
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const KIND_WORDS: Record<GraphNode['kind'], string> = {
  input: 'input',
  orchestrator: 'orchestrator',
  specialist: 'specialist',
  router: 'router',
  reviewer: 'reviewer',
  mesh: 'mesh',
  output: 'output',
};

/** `the specialist "research"`: how messages name a node. */
export function nodeLabel(node: GraphNode): string {
  return `the ${KIND_WORDS[node.kind]} "${node.data.name}"`;
}

/** `the handoff from "research" to "writer"`: how messages name an edge (edges have no names of their own). */
export function edgeLabel(edge: GraphEdge, context: RuleContext): string {
  const end = (id: string) => {
    const found = context.nodes.get(id);
    return found ? `"${found.node.data.name}"` : `"${id}"`;
  };
  return `the ${edge.kind} edge from ${end(edge.source)} to ${end(edge.target)}`;
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function nodeIssue(
  code: GraphIssue['code'],
  at: IndexedNode,
  path: GraphIssue['path'],
  message: string,
): GraphIssue {
  return { code, path: ['nodes', at.index, ...path], message, nodeId: at.node.id };
}

export function edgeIssue(
  code: GraphIssue['code'],
  at: IndexedEdge,
  path: GraphIssue['path'],
  message: string,
  nodeId?: string,
): GraphIssue {
  const issue: GraphIssue = { code, path: ['edges', at.index, ...path], message, edgeId: at.edge.id };
  if (nodeId !== undefined) issue.nodeId = nodeId;
  return issue;
}
