// Whether the graph on the canvas is the one a run ran: same nodes, edges and settings, wherever they are drawn.
import { canonicalJson, type GraphDocument } from '@baton/contracts';

/** What a run depends on: everything but layout (positions, sizes, viewport) and the graph's id. */
function runShape(document: GraphDocument): string {
  return canonicalJson({
    models: document.models ?? null,
    budget: document.budget ?? null,
    nodes: document.nodes.map(({ id, kind, parentId, data }) => ({ id, kind, parentId: parentId ?? null, data })),
    edges: document.edges,
  });
}

export function sameRunShape(a: GraphDocument, b: GraphDocument): boolean {
  return runShape(a) === runShape(b);
}
