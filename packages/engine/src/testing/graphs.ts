// Graph builders for tests and benchmarks: small, valid v1 documents without hand-writing positions and defaults.
import { GraphDocument, type GraphDocumentInput } from '@baton/contracts';

type NodeInput = GraphDocumentInput['nodes'][number];
type EdgeInput = GraphDocumentInput['edges'][number];

export function node(
  id: string,
  kind: NodeInput['kind'],
  data: Record<string, unknown> = {},
  extra: Partial<NodeInput> = {},
): NodeInput {
  const name = kind === 'input' || kind === 'output' ? (data.name ?? id) : (data.name ?? id);
  return { id, kind, position: { x: 0, y: 0 }, data: { name, ...data }, ...extra } as NodeInput;
}

export function edge(
  source: string,
  target: string,
  kind: EdgeInput['kind'] = 'handoff',
  extra: Record<string, unknown> = {},
): EdgeInput {
  return { id: `${source}->${target}`, kind, source, target, ...extra } as EdgeInput;
}

/** A graph document with defaults filled in by the contracts' schema. Throws on a shape error (a test bug). */
export function graph(nodes: NodeInput[], edges: EdgeInput[], extra: Partial<GraphDocumentInput> = {}): GraphDocument {
  return GraphDocument.parse({
    format: 'baton.graph',
    version: 2,
    id: 'test-graph',
    name: 'Test graph',
    nodes,
    edges,
    ...extra,
  });
}
