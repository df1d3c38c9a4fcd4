// The rules of a graph beyond its shape (DESIGN.md, "Graph validation"): every problem at once, in rule order.
import type { GraphDocument } from '../graph';
import type { GraphIssue } from '../issues';
import { everyNodeIsConnected } from './connectedness';
import { buildContext, type Rule } from './context';
import { noCycles } from './cycles';
import { edgeKindsFit } from './edge-kinds';
import { noDuplicateEdges, uniqueEdgeIds, uniqueNames, uniqueNodeIds } from './identity';
import { meshesHavePeers, parentsAreMeshes, peersHaveNoEdges } from './mesh';
import {
  orchestratorsHaveWorkers,
  reviewedProducersHandOffOnlyToReviewer,
  reviewersReviewOneProducer,
  routersHaveRoutes,
} from './patterns';
import { confidenceIsRequired, contractSchemasCompile, nodeSchemasCompile } from './schemas';
import { atLeastOneOutput, exactlyOneInput, noDanglingEdges } from './structure';

export const GRAPH_RULES: readonly Rule[] = [
  uniqueNodeIds,
  uniqueEdgeIds,
  uniqueNames,
  noDanglingEdges,
  noDuplicateEdges,
  exactlyOneInput,
  atLeastOneOutput,
  edgeKindsFit,
  noCycles,
  orchestratorsHaveWorkers,
  routersHaveRoutes,
  reviewersReviewOneProducer,
  reviewedProducersHandOffOnlyToReviewer,
  parentsAreMeshes,
  meshesHavePeers,
  peersHaveNoEdges,
  everyNodeIsConnected,
  contractSchemasCompile,
  confidenceIsRequired,
  nodeSchemasCompile,
];

export function checkGraphRules(graph: GraphDocument): GraphIssue[] {
  const context = buildContext(graph);
  return GRAPH_RULES.flatMap((rule) => rule(context));
}
