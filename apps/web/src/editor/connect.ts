// Which edge may join two nodes: the kind inferred from the edge table, or a one-sentence reason it may not.
import {
  EDGE_RULES,
  type EdgeKind,
  edgeKindFits,
  edgeKindsBetween,
  type GraphDocument,
  type GraphNode,
  type NodeKind,
} from '@baton/contracts';

/** Handle ids on the canvas. `dispatch` (orchestrator, bottom) and `worker` (specialist, top) imply a dispatch edge. */
export const HANDLE = { out: 'out', in: 'in', dispatch: 'dispatch', worker: 'worker' } as const;

export type ConnectionCheck =
  | { status: 'ok'; kind: EdgeKind }
  /** Several kinds fit and nothing says which: the canvas asks with a small menu. */
  | { status: 'choose'; kinds: EdgeKind[] }
  | { status: 'refused'; reason: string };

export interface ConnectionRequest {
  source: string;
  target: string;
  kind?: EdgeKind;
  sourceHandle?: string | null;
  targetHandle?: string | null;
}

const ARTICLE: Record<NodeKind, string> = {
  input: 'an input',
  orchestrator: 'an orchestrator',
  specialist: 'a specialist',
  router: 'a router',
  reviewer: 'a reviewer',
  mesh: 'a mesh',
  output: 'an output',
};

/** Checks a connection against the edge table and the structure of the graph; never changes anything. */
export function checkConnection(document: GraphDocument, request: ConnectionRequest): ConnectionCheck {
  const { source: sourceId, target: targetId } = request;
  if (sourceId === targetId) return refuse('A node cannot connect to itself.');
  const source = document.nodes.find((node) => node.id === sourceId);
  const target = document.nodes.find((node) => node.id === targetId);
  if (!source || !target) return refuse('That node no longer exists.');

  for (const node of [source, target]) {
    if (node.parentId) {
      const mesh = document.nodes.find((candidate) => candidate.id === node.parentId);
      return refuse(
        `"${node.data.name}" is a peer inside the mesh "${mesh?.data.name ?? node.parentId}": peers talk only inside the mesh, so connect the mesh instead.`,
      );
    }
  }

  const kind = request.kind ?? kindFromHandles(request);
  if (kind && !edgeKindFits(kind, source.kind, target.kind)) return refuse(explainKindMismatch(kind, source, target));
  const kinds = kind ? [kind] : edgeKindsBetween(source.kind, target.kind);
  if (kinds.length === 0) return refuse(explainNoKind(source.kind, target.kind));

  const structural = checkStructure(document, source, target, kinds);
  if (structural) return refuse(structural);

  const [only] = kinds;
  if (kinds.length === 1 && only) return { status: 'ok', kind: only };
  return { status: 'choose', kinds };
}

function kindFromHandles(request: ConnectionRequest): EdgeKind | undefined {
  if (request.sourceHandle === HANDLE.dispatch || request.targetHandle === HANDLE.worker) return 'dispatch';
  return undefined;
}

function checkStructure(
  document: GraphDocument,
  source: GraphNode,
  target: GraphNode,
  kinds: EdgeKind[],
): string | null {
  if (document.edges.some((edge) => edge.source === source.id && edge.target === target.id)) {
    return `"${source.data.name}" is already connected to "${target.data.name}".`;
  }
  if (reaches(document, target.id, source.id)) {
    return `That edge would close a loop: "${target.data.name}" already leads to "${source.data.name}". Review and mesh loops live inside those nodes.`;
  }
  if (kinds.every((kind) => kind === 'handoff')) {
    const review = document.edges.find((edge) => edge.kind === 'review' && edge.source === source.id);
    if (review) {
      const reviewer = document.nodes.find((node) => node.id === review.target);
      return `"${source.data.name}" is reviewed by "${reviewer?.data.name ?? review.target}", so its approved draft goes on from the reviewer: connect the reviewer instead.`;
    }
  }
  if (kinds.every((kind) => kind === 'review')) {
    if (document.edges.some((edge) => edge.kind === 'review' && edge.source === source.id)) {
      return `"${source.data.name}" already has a reviewer; a producer can have only one.`;
    }
  }
  return null;
}

/** True when `to` can be reached from `from` along edges (so an edge to -> from would close a cycle). */
function reaches(document: GraphDocument, from: string, to: string): boolean {
  const outgoing = new Map<string, string[]>();
  for (const edge of document.edges) {
    const list = outgoing.get(edge.source);
    if (list) list.push(edge.target);
    else outgoing.set(edge.source, [edge.target]);
  }
  const seen = new Set<string>([from]);
  const stack = [from];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (id === to) return true;
    for (const next of outgoing.get(id) ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        stack.push(next);
      }
    }
  }
  return false;
}

function explainKindMismatch(kind: EdgeKind, source: GraphNode, target: GraphNode): string {
  const rule = EDGE_RULES[kind];
  return `A ${kind} edge goes from ${listKinds(rule.from)} to ${listKinds(rule.to)}, not from ${ARTICLE[source.kind]} to ${ARTICLE[target.kind]}.`;
}

function explainNoKind(source: NodeKind, target: NodeKind): string {
  if (source === 'output') return 'An output only collects the result of the run; it cannot start an edge.';
  if (target === 'input') return 'The input is where a run starts; nothing can connect into it.';
  const targets = new Set((Object.keys(EDGE_RULES) as EdgeKind[]).flatMap((kind) => targetsOf(kind, source)));
  return `${capitalise(ARTICLE[source])} cannot connect to ${ARTICLE[target]}: it can connect only to ${listKinds([...targets])}.`;
}

function targetsOf(kind: EdgeKind, source: NodeKind): readonly NodeKind[] {
  return EDGE_RULES[kind].from.includes(source) ? EDGE_RULES[kind].to : [];
}

function listKinds(kinds: readonly NodeKind[]): string {
  const words = kinds.map((kind) => ARTICLE[kind]);
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} or ${words.at(-1)}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function refuse(reason: string): ConnectionCheck {
  return { status: 'refused', reason };
}
