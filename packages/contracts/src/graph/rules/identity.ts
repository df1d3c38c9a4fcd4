// Ids and names: unique node ids, edge ids and names, and no edge drawn twice.
import type { GraphIssue } from '../issues';
import { capitalize, edgeIssue, edgeLabel, nodeIssue, nodeLabel, type Rule } from './context';

export const uniqueNodeIds: Rule = ({ graph }) => {
  const issues: GraphIssue[] = [];
  const first = new Map<string, number>();
  graph.nodes.forEach((node, index) => {
    const earlier = first.get(node.id);
    if (earlier === undefined) {
      first.set(node.id, index);
      return;
    }
    const other = graph.nodes[earlier]!;
    issues.push(
      nodeIssue(
        'duplicate_id',
        { node, index },
        ['id'],
        `${capitalize(nodeLabel(node))} has the id "${node.id}", which ${nodeLabel(other)} already has: node ids must be unique.`,
      ),
    );
  });
  return issues;
};

export const uniqueEdgeIds: Rule = (context) => {
  const issues: GraphIssue[] = [];
  const seen = new Set<string>();
  context.graph.edges.forEach((edge, index) => {
    if (!seen.has(edge.id)) {
      seen.add(edge.id);
      return;
    }
    issues.push(
      edgeIssue(
        'duplicate_id',
        { edge, index },
        ['id'],
        `${capitalize(edgeLabel(edge, context))} has the id "${edge.id}", which another edge already has: edge ids must be unique.`,
      ),
    );
  });
  return issues;
};

/** Names are what models see (workers, routes, peers, labels on data), so two nodes cannot share one. */
export const uniqueNames: Rule = ({ graph }) => {
  const issues: GraphIssue[] = [];
  const first = new Map<string, number>();
  graph.nodes.forEach((node, index) => {
    const earlier = first.get(node.data.name);
    if (earlier === undefined) {
      first.set(node.data.name, index);
      return;
    }
    const other = graph.nodes[earlier]!;
    issues.push(
      nodeIssue(
        'duplicate_name',
        { node, index },
        ['data', 'name'],
        `Two nodes are named "${node.data.name}" (the ${other.kind} "${other.id}" and the ${node.kind} "${node.id}"): names must be unique, because they are what the models see.`,
      ),
    );
  });
  return issues;
};

export const noDuplicateEdges: Rule = (context) => {
  const issues: GraphIssue[] = [];
  const seen = new Set<string>();
  context.graph.edges.forEach((edge, index) => {
    const key = JSON.stringify([edge.kind, edge.source, edge.target]);
    if (!seen.has(key)) {
      seen.add(key);
      return;
    }
    issues.push(
      edgeIssue(
        'duplicate_edge',
        { edge, index },
        [],
        `${capitalize(edgeLabel(edge, context))} is drawn twice: remove one of them.`,
      ),
    );
  });
  return issues;
};
