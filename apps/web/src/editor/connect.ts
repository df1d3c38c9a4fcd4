// Which edge may join two nodes: the kind inferred from the edge table, or a one-sentence reason it may not. The
// structural rules (loops, duplicates, one reviewer, mesh peers) are the contracts' own, through `checkNewEdge`.
import {
  checkNewEdge,
  EDGE_RULES,
  type EdgeKind,
  edgeKindFits,
  edgeKindsBetween,
  type GraphDocument,
  type GraphEdge,
  type GraphNode,
  type NodeKind,
} from '@baton/contracts';
import { WEB_NODE_KINDS } from './kinds';
import { HANDLE } from './kinds/kind';

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

/** Checks a connection against the edge table and the structure of the graph; never changes anything. */
export function checkConnection(document: GraphDocument, request: ConnectionRequest): ConnectionCheck {
  const { source: sourceId, target: targetId } = request;
  if (sourceId === targetId) return refuse('A node cannot connect to itself.');
  const source = document.nodes.find((node) => node.id === sourceId);
  const target = document.nodes.find((node) => node.id === targetId);
  if (!source || !target) return refuse('That node no longer exists.');

  const kind = request.kind ?? kindFromHandles(request);
  if (kind && !edgeKindFits(kind, source.kind, target.kind)) return refuse(explainKindMismatch(kind, source, target));
  const kinds = kind ? [kind] : edgeKindsBetween(source.kind, target.kind);
  if (kinds.length === 0) return refuse(explainNoKind(source.kind, target.kind));

  // Of the kinds that fit the table, those the graph's rules allow; when none, the first kind's problem says why.
  const problems = kinds.map((candidate) => checkNewEdge(document, newEdge(candidate, source.id, target.id)));
  const allowed = kinds.filter((_, index) => problems[index] === undefined);
  if (allowed.length === 0) return refuse(problems[0]!.message);

  const [only] = allowed;
  if (allowed.length === 1 && only) return { status: 'ok', kind: only };
  return { status: 'choose', kinds: allowed };
}

function kindFromHandles(request: ConnectionRequest): EdgeKind | undefined {
  if (request.sourceHandle === HANDLE.dispatch || request.targetHandle === HANDLE.worker) return 'dispatch';
  return undefined;
}

/** The edge as it would be added; its id is only for telling its problems from the graph's own. */
function newEdge(kind: EdgeKind, source: string, target: string): GraphEdge {
  return { id: '(new edge)', kind, source, target } as GraphEdge;
}

function explainKindMismatch(kind: EdgeKind, source: GraphNode, target: GraphNode): string {
  const rule = EDGE_RULES[kind];
  return `A ${kind} edge goes from ${listKinds(rule.from)} to ${listKinds(rule.to)}, not from ${article(source.kind)} to ${article(target.kind)}.`;
}

function explainNoKind(source: NodeKind, target: NodeKind): string {
  if (source === 'output') return 'An output only collects the result of the run; it cannot start an edge.';
  if (target === 'input') return 'The input is where a run starts; nothing can connect into it.';
  const targets = new Set((Object.keys(EDGE_RULES) as EdgeKind[]).flatMap((kind) => targetsOf(kind, source)));
  return `${capitalise(article(source))} cannot connect to ${article(target)}: it can connect only to ${listKinds([...targets])}.`;
}

function targetsOf(kind: EdgeKind, source: NodeKind): readonly NodeKind[] {
  return EDGE_RULES[kind].from.includes(source) ? EDGE_RULES[kind].to : [];
}

function listKinds(kinds: readonly NodeKind[]): string {
  const words = kinds.map(article);
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} or ${words.at(-1)}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function article(kind: NodeKind): string {
  return WEB_NODE_KINDS[kind].article;
}

function refuse(reason: string): ConnectionCheck {
  return { status: 'refused', reason };
}
