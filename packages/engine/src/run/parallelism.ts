// The run-wide cap on model calls in flight when the caller sets none: what the graph itself allows, never less.
import { assertNever, type GraphDocument } from '@baton/contracts';

/**
 * The most model calls the graph's own limits let be in flight at once: each orchestrator's `concurrency` plus
 * one per other node that calls a model (specialists, including workers and peers, routers, reviewers, meshes).
 * It is the run's cap when `RunGraphOptions.concurrency` is not given, so leaving the option out never narrows
 * a graph's parallelism (a 1000-wide fan-out runs 1000 wide); a caller with a tighter limit of its own (a
 * provider's rate limit) passes `concurrency`, which then caps every orchestrator too.
 */
export function graphParallelism(graph: GraphDocument): number {
  let total = 0;
  for (const node of graph.nodes) {
    switch (node.kind) {
      case 'orchestrator':
        total += node.data.concurrency;
        break;
      case 'specialist':
      case 'router':
      case 'reviewer':
      case 'mesh':
        total += 1;
        break;
      case 'input':
      case 'output':
        break;
      default:
        assertNever(node);
    }
  }
  return Math.max(1, total);
}
