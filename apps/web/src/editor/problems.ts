// Graph problems, indexed by the node or edge they concern so the canvas can show them there. Finding them
// (parseGraph, which compiles schemas with Ajv) is schema-checks.ts, loaded on demand.
import type { GraphDocument, GraphIssue } from '@baton/contracts';

export interface ProblemIndex {
  all: readonly GraphIssue[];
  byNode: ReadonlyMap<string, readonly GraphIssue[]>;
  byEdge: ReadonlyMap<string, readonly GraphIssue[]>;
}

export const NO_PROBLEMS: ProblemIndex = { all: [], byNode: new Map(), byEdge: new Map() };

export function indexProblems(issues: readonly GraphIssue[], document: GraphDocument): ProblemIndex {
  if (issues.length === 0) return NO_PROBLEMS;
  const byNode = new Map<string, GraphIssue[]>();
  const byEdge = new Map<string, GraphIssue[]>();
  const all = issues.map((issue) => locate(issue, document));
  for (const issue of all) {
    if (issue.nodeId) push(byNode, issue.nodeId, issue);
    if (issue.edgeId) push(byEdge, issue.edgeId, issue);
  }
  return { all, byNode, byEdge };
}

/** Fills in nodeId/edgeId from a path like `['nodes', 3, ...]` when the issue left them out. */
function locate(issue: GraphIssue, document: GraphDocument): GraphIssue {
  if (issue.nodeId || issue.edgeId) return issue;
  const [collection, index] = issue.path;
  if (typeof index !== 'number') return issue;
  if (collection === 'nodes') {
    const node = document.nodes[index];
    return node ? { ...issue, nodeId: node.id } : issue;
  }
  if (collection === 'edges') {
    const edge = document.edges[index];
    return edge ? { ...issue, edgeId: edge.id } : issue;
  }
  return issue;
}

function push(map: Map<string, GraphIssue[]>, key: string, issue: GraphIssue): void {
  const list = map.get(key);
  if (list) list.push(issue);
  else map.set(key, [issue]);
}

/** The messages of a node's or edge's problems as one tooltip text, or undefined when it has none. */
export function problemText(issues: readonly GraphIssue[] | undefined): string | undefined {
  return issues && issues.length > 0 ? issues.map((issue) => issue.message).join('\n') : undefined;
}
