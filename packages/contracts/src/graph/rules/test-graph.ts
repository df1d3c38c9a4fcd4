// Builders for small graphs in tests: a valid graph to start from, and one-line nodes and edges.
import type { GraphEdge } from '../edges';
import type { GraphDocumentInput } from '../graph';
import type { GraphIssue } from '../issues';
import { parseGraph } from '../parse-graph';

type NodeInput = GraphDocumentInput['nodes'][number];
type EdgeInput = GraphDocumentInput['edges'][number];

const at = { x: 0, y: 0 };

export const input = (id = 'in'): NodeInput => ({ id, kind: 'input', position: at, data: {} });
export const output = (id = 'out', name = 'output'): NodeInput => ({
  id,
  kind: 'output',
  position: at,
  data: { name },
});
export const specialist = (id: string, extra: Partial<NodeInput> = {}): NodeInput =>
  ({ id, kind: 'specialist', position: at, data: { name: id }, ...extra }) as NodeInput;
export const agent = (kind: 'orchestrator' | 'router' | 'reviewer' | 'mesh', id: string): NodeInput =>
  ({ id, kind, position: at, data: { name: id } }) as NodeInput;

export const edge = (
  kind: GraphEdge['kind'],
  source: string,
  target: string,
  extra: Record<string, unknown> = {},
): EdgeInput => ({ id: `${source}-${target}`, kind, source, target, ...extra }) as EdgeInput;

export function graph(nodes: NodeInput[], edges: EdgeInput[]): GraphDocumentInput {
  return { format: 'baton.graph', version: 2, id: 'g', name: 'Test', nodes, edges };
}

/** input -> writer -> output: the smallest valid graph. */
export function minimal(): GraphDocumentInput {
  return graph(
    [input(), specialist('writer'), output()],
    [edge('handoff', 'in', 'writer'), edge('handoff', 'writer', 'out')],
  );
}

export function issuesOf(document: unknown): GraphIssue[] {
  const result = parseGraph(document);
  return result.ok ? [] : result.issues;
}
