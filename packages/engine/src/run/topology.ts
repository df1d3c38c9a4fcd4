// The graph indexed once per run: which nodes the scheduler runs, their flow edges, workers, peers and producers.
import type {
  GraphDocument,
  GraphEdge,
  GraphNode,
  HandoffEdge,
  JsonSchemaObject,
  NodeOfKind,
  SpecialistNode,
} from '@baton/contracts';

export interface Topology {
  nodes: Map<string, GraphNode>;
  /** Nodes the scheduler activates: all but orchestrator workers and mesh peers, which their owner runs. */
  scheduled: GraphNode[];
  /**
   * Flow edges (handoff, route, review) into scheduled nodes, by target and by source. An edge from a worker or peer
   * is listed under its owner and carries nothing.
   */
  incoming: Map<string, GraphEdge[]>;
  outgoing: Map<string, GraphEdge[]>;
  workersOf: Map<string, SpecialistNode[]>;
  /** Handoffs between two workers of one orchestrator: plan constraints, checked against their contracts. */
  workerEdgesOf: Map<string, HandoffEdge[]>;
  peersOf: Map<string, SpecialistNode[]>;
  producerOf: Map<string, SpecialistNode>;
  /** Every edge by its source, whatever its kind. */
  edgesFrom: Map<string, GraphEdge[]>;
}

export function buildTopology(graph: GraphDocument): Topology {
  const nodes = new Map(graph.nodes.map((node) => [node.id, node]));
  const workersOf = new Map<string, SpecialistNode[]>();
  const ownerOf = new Map<string, string>();
  const peersOf = new Map<string, SpecialistNode[]>();
  const producerOf = new Map<string, SpecialistNode>();
  const edgesFrom = new Map<string, GraphEdge[]>();
  for (const edge of graph.edges) {
    push(edgesFrom, edge.source, edge);
    const target = nodes.get(edge.target);
    if (edge.kind === 'dispatch' && target?.kind === 'specialist') {
      push(workersOf, edge.source, target);
      ownerOf.set(target.id, edge.source);
    }
    const source = nodes.get(edge.source);
    if (edge.kind === 'review' && source?.kind === 'specialist') producerOf.set(edge.target, source);
  }
  for (const node of graph.nodes) {
    if (node.kind === 'specialist' && node.parentId && nodes.get(node.parentId)?.kind === 'mesh') {
      push(peersOf, node.parentId, node);
      ownerOf.set(node.id, node.parentId);
    }
  }
  const scheduled = graph.nodes.filter((node) => !ownerOf.has(node.id));
  const incoming = new Map<string, GraphEdge[]>();
  const outgoing = new Map<string, GraphEdge[]>();
  const workerEdgesOf = new Map<string, HandoffEdge[]>();
  for (const node of scheduled) {
    incoming.set(node.id, []);
    outgoing.set(node.id, []);
  }
  for (const edge of graph.edges) {
    if (edge.kind === 'dispatch') continue;
    const sourceOwner = ownerOf.get(edge.source);
    if (edge.kind === 'handoff' && sourceOwner && sourceOwner === ownerOf.get(edge.target)) {
      push(workerEdgesOf, sourceOwner, edge);
      continue;
    }
    if (ownerOf.has(edge.target)) continue;
    // A worker's or peer's edge out to the rest of the graph: its target waits for the owner, and gets nothing
    // over this edge (workers hand over only inside their owner's plan).
    outgoing.get(sourceOwner ?? edge.source)?.push(edge);
    incoming.get(edge.target)?.push(edge);
  }
  return { nodes, scheduled, incoming, outgoing, workersOf, workerEdgesOf, peersOf, producerOf, edgesFrom };
}

/**
 * The schema a node's output must match, if any: its own output schema, else the contract of its first outgoing
 * handoff that has one, so the producer is asked for a payload its contract accepts.
 */
export function outputSchemaOf(
  node: GraphNode,
  topology: Topology,
): { schema: JsonSchemaObject | undefined; ownSchema: boolean } {
  if (node.kind === 'specialist' && node.data.outputSchema) return { schema: node.data.outputSchema, ownSchema: true };
  for (const edge of topology.edgesFrom.get(node.id) ?? []) {
    if (edge.kind === 'handoff' && edge.contract) return { schema: edge.contract.schema, ownSchema: false };
  }
  return { schema: undefined, ownSchema: false };
}

/** Display name of any node (agents have a slug; input and output nodes default to their kind). */
export function nameOf(node: GraphNode): string {
  return node.data.name;
}

export type AgentNode = NodeOfKind<'orchestrator' | 'specialist' | 'router' | 'reviewer' | 'mesh'>;

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
