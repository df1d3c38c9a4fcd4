// The one table of which edge kinds fit which node kinds; parseGraph and the canvas both read it.
import type { EdgeKind } from './edges';
import type { NodeKind } from './nodes';

export interface EdgeRule {
  from: readonly NodeKind[];
  to: readonly NodeKind[];
  /** What the edge means, for people (tooltips, refusal messages). */
  meaning: string;
}

export const EDGE_RULES: Readonly<Record<EdgeKind, EdgeRule>> = {
  handoff: {
    from: ['input', 'orchestrator', 'specialist', 'reviewer', 'mesh'],
    to: ['orchestrator', 'specialist', 'router', 'mesh', 'output'],
    meaning: "the source's output is the target's input",
  },
  dispatch: {
    from: ['orchestrator'],
    to: ['specialist'],
    meaning: "the target is one of the orchestrator's workers",
  },
  route: {
    from: ['router'],
    to: ['orchestrator', 'specialist', 'mesh'],
    meaning: 'the target is one category of the router',
  },
  review: {
    from: ['specialist'],
    to: ['reviewer'],
    meaning: "the reviewer critiques this producer's drafts",
  },
};

export function edgeKindFits(kind: EdgeKind, source: NodeKind, target: NodeKind): boolean {
  const rule = EDGE_RULES[kind];
  return rule.from.includes(source) && rule.to.includes(target);
}

/** Every edge kind that may join a node of kind `source` to one of kind `target`, in table order. */
export function edgeKindsBetween(source: NodeKind, target: NodeKind): EdgeKind[] {
  return (Object.keys(EDGE_RULES) as EdgeKind[]).filter((kind) => edgeKindFits(kind, source, target));
}

/** Edge kinds a node of this kind can start. */
export function outgoingEdgeKinds(source: NodeKind): EdgeKind[] {
  return (Object.keys(EDGE_RULES) as EdgeKind[]).filter((kind) => EDGE_RULES[kind].from.includes(source));
}

/** Edge kinds a node of this kind can receive. */
export function incomingEdgeKinds(target: NodeKind): EdgeKind[] {
  return (Object.keys(EDGE_RULES) as EdgeKind[]).filter((kind) => EDGE_RULES[kind].to.includes(target));
}
