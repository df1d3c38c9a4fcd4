// Whether an edge may be added to a graph: the rules the canvas asks before it draws one, so it never re-types them.
import type { GraphEdge } from '../edges';
import type { GraphDocument } from '../graph';
import type { GraphIssue } from '../issues';
import { buildContext, type Rule } from './context';
import { noCycles } from './cycles';
import { noDuplicateEdges } from './identity';
import { peersHaveNoEdges } from './mesh';
import { reviewedProducersHandOffOnlyToReviewer } from './patterns';

/** The rules a new edge can break by itself: peers take no edges, no duplicate, no loop, one reviewer. */
const NEW_EDGE_RULES: readonly Rule[] = [
  peersHaveNoEdges,
  noDuplicateEdges,
  noCycles,
  reviewedProducersHandOffOnlyToReviewer,
];

/**
 * The first problem that adding `edge` to `graph` would cause, or undefined when it may be added. A problem counts
 * when it names the new edge (a duplicate, a second reviewer, a handoff past a reviewer, a peer's edge) or is a loop
 * the graph did not have; problems the graph already had, or that fall on other edges, do not refuse it.
 */
export function checkNewEdge(graph: GraphDocument, edge: GraphEdge): GraphIssue | undefined {
  const before = buildContext(graph);
  const after = buildContext({ ...graph, edges: [...graph.edges, edge] });
  for (const rule of NEW_EDGE_RULES) {
    const known = new Set(rule(before).map((issue) => issue.message));
    const found = rule(after).find(
      (issue) => !known.has(issue.message) && (issue.edgeId === edge.id || issue.code === 'cycle'),
    );
    if (found) return found;
  }
  return undefined;
}
