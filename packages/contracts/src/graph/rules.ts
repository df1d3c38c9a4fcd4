// The rules of a graph beyond its shape (DESIGN.md, "Graph validation"). Filled in rule by rule.
import type { GraphDocument } from './graph';
import type { GraphIssue } from './issues';

export function checkGraphRules(_graph: GraphDocument): GraphIssue[] {
  return [];
}
