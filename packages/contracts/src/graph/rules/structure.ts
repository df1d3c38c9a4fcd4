// The skeleton of a run: edges between existing nodes, exactly one input, at least one output.
import type { GraphIssue } from '../issues';
import { edgeIssue, nodeIssue, nodeLabel, type Rule } from './context';

export const noDanglingEdges: Rule = ({ graph, nodes }) => {
  const issues: GraphIssue[] = [];
  graph.edges.forEach((edge, index) => {
    for (const end of ['source', 'target'] as const) {
      if (nodes.has(edge[end])) continue;
      const verb = end === 'source' ? 'starts at' : 'ends at';
      issues.push(
        edgeIssue(
          'dangling_edge',
          { edge, index },
          [end],
          `The ${edge.kind} edge "${edge.id}" ${verb} "${edge[end]}", which is not a node of this graph.`,
        ),
      );
    }
  });
  return issues;
};

export const exactlyOneInput: Rule = ({ graph }) => {
  const inputs = graph.nodes.flatMap((node, index) => (node.kind === 'input' ? [{ node, index }] : []));
  if (inputs.length === 0) {
    return [
      {
        code: 'input_count',
        path: ['nodes'],
        message: 'The graph has no input node: add one, it is where the goal of a run comes in.',
      },
    ];
  }
  return inputs
    .slice(1)
    .map((extra) =>
      nodeIssue(
        'input_count',
        extra,
        [],
        `The graph has ${inputs.length} input nodes, and a run has only one entry: remove ${nodeLabel(extra.node)}.`,
      ),
    );
};

export const atLeastOneOutput: Rule = ({ graph }) => {
  if (graph.nodes.some((node) => node.kind === 'output')) return [];
  return [
    {
      code: 'output_missing',
      path: ['nodes'],
      message: 'The graph has no output node: add one, it collects the result of a run.',
    },
  ];
};
