// The patterns' own needs: an orchestrator has workers, a router has routes and one fallback at most, a reviewer
// reviews one producer, and a reviewed producer hands its drafts to nobody but its reviewer.
import type { GraphIssue } from '../issues';
import { capitalize, edgeIssue, type IndexedNode, nodeIssue, nodeLabel, type Rule, type RuleContext } from './context';

export const orchestratorsHaveWorkers: Rule = (context) =>
  agentsOfKind(context, 'orchestrator').flatMap((at) =>
    edgesOf(context, 'outgoing', at, 'dispatch').length > 0
      ? []
      : [
          nodeIssue(
            'orchestrator_without_worker',
            at,
            [],
            `${capitalize(nodeLabel(at.node))} has no workers: join at least one specialist to it with a dispatch edge.`,
          ),
        ],
  );

export const routersHaveRoutes: Rule = (context) =>
  agentsOfKind(context, 'router').flatMap((at) => {
    const routes = edgesOf(context, 'outgoing', at, 'route');
    if (routes.length === 0) {
      return [
        nodeIssue(
          'router_without_route',
          at,
          [],
          `${capitalize(nodeLabel(at.node))} has no routes: join at least one agent to it with a route edge.`,
        ),
      ];
    }
    const fallbacks = routes.filter((route) => route.edge.kind === 'route' && route.edge.fallback === true);
    const targetNames = fallbacks.map((route) => `"${context.nodes.get(route.edge.target)!.node.data.name}"`);
    return fallbacks
      .slice(1)
      .map((extra) =>
        edgeIssue(
          'router_fallbacks',
          extra,
          ['fallback'],
          `${capitalize(nodeLabel(at.node))} has ${fallbacks.length} fallback routes (to ${targetNames.join(', ')}): at most one route can be the fallback.`,
          at.node.id,
        ),
      );
  });

export const reviewersReviewOneProducer: Rule = (context) =>
  agentsOfKind(context, 'reviewer').flatMap((at) => {
    const reviews = edgesOf(context, 'incoming', at, 'review');
    if (reviews.length === 1) return [];
    const message =
      reviews.length === 0
        ? `${capitalize(nodeLabel(at.node))} has nothing to review: join the specialist that produces the draft to it with a review edge.`
        : `${capitalize(nodeLabel(at.node))} reviews ${reviews.length} producers: a reviewer reviews exactly one.`;
    return [nodeIssue('review_producer', at, [], message)];
  });

/** The producer's drafts go on only through its reviewer, which passes on the approved (or last) draft. */
export const reviewedProducersHandOffOnlyToReviewer: Rule = (context) =>
  agentsOfKind(context, 'specialist').flatMap((at) => {
    const reviews = edgesOf(context, 'outgoing', at, 'review');
    if (reviews.length === 0) return [];
    const issues: GraphIssue[] = reviews
      .slice(1)
      .map((extra) =>
        edgeIssue(
          'review_producer',
          extra,
          [],
          `${capitalize(nodeLabel(at.node))} has ${reviews.length} reviewers: a producer can have only one.`,
          at.node.id,
        ),
      );
    for (const other of context.outgoing.get(at.node.id) ?? []) {
      if (other.edge.kind === 'review') continue;
      const target = context.nodes.get(other.edge.target)!.node;
      issues.push(
        edgeIssue(
          'review_producer',
          other,
          [],
          `${capitalize(nodeLabel(at.node))} is reviewed, so its drafts go on only through its reviewer: draw the ${other.edge.kind} edge to ${nodeLabel(target)} from the reviewer instead.`,
          at.node.id,
        ),
      );
    }
    return issues;
  });

export function agentsOfKind(context: RuleContext, kind: IndexedNode['node']['kind']): IndexedNode[] {
  return context.graph.nodes.flatMap((node, index) =>
    node.kind === kind && context.nodes.get(node.id)?.index === index ? [{ node, index }] : [],
  );
}

function edgesOf(context: RuleContext, direction: 'outgoing' | 'incoming', at: IndexedNode, kind: string) {
  return (context[direction].get(at.node.id) ?? []).filter((step) => step.edge.kind === kind);
}
