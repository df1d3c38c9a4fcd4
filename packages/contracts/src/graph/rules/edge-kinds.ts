// Every edge's kind must fit the kinds of its ends, as the one table (EDGE_RULES) says.
import { EDGE_RULES, edgeKindFits } from '../edge-rules';
import type { GraphIssue } from '../issues';
import type { NodeKind } from '../nodes';
import { edgeIssue, nodeLabel, type Rule } from './context';

export const edgeKindsFit: Rule = ({ graph, nodes }) => {
  const issues: GraphIssue[] = [];
  graph.edges.forEach((edge, index) => {
    const source = nodes.get(edge.source)?.node;
    const target = nodes.get(edge.target)?.node;
    if (!source || !target || edgeKindFits(edge.kind, source.kind, target.kind)) return;
    const rule = EDGE_RULES[edge.kind];
    issues.push(
      edgeIssue(
        'edge_kind_mismatch',
        { edge, index },
        ['kind'],
        `A ${edge.kind} edge goes from ${kinds(rule.from)} to ${kinds(rule.to)}; this one goes from ${nodeLabel(source)} to ${nodeLabel(target)}.`,
      ),
    );
  });
  return issues;
};

/** `an orchestrator or a specialist` */
function kinds(list: readonly NodeKind[]): string {
  const words = list.map((kind) => `${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind}`);
  return words.length > 1 ? `${words.slice(0, -1).join(', ')} or ${words.at(-1)}` : (words[0] ?? 'nothing');
}
