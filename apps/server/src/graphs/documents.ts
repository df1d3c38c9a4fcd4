// Graph documents the server makes or hands out: the starter graph, shape checks with API issues, the export text.
import {
  exportGraphJson,
  GRAPH_FORMAT,
  GRAPH_VERSION,
  GraphDocument,
  parseGraph,
  parseGraphShape,
} from '@baton/contracts';
import { InvalidRequestError } from '../errors';
import { graphIssues } from '../http/body';
import { scrubJson } from '../secrets';

/** A new graph from a name: an input handing off to an output, ready for agents to go between them. */
export function starterGraph(id: string, name: string, description = ''): GraphDocument {
  return GraphDocument.parse({
    format: GRAPH_FORMAT,
    version: GRAPH_VERSION,
    id,
    name,
    description,
    nodes: [
      { id: 'input', kind: 'input', position: { x: 0, y: 0 }, data: { name: 'input', description: 'The goal.' } },
      {
        id: 'output',
        kind: 'output',
        position: { x: 400, y: 0 },
        data: { name: 'output', description: 'The result.' },
      },
    ],
    edges: [{ id: 'input-output', kind: 'handoff', source: 'input', target: 'output' }],
  });
}

/**
 * Migrates and checks a document: its shape (`rules: false`, what a draft needs) or its shape and every rule
 * (what an import needs). Throws 400 with every issue, paths under `prefix`.
 */
export function checkGraphDocument(
  document: unknown,
  options: { rules: boolean; prefix?: (string | number)[] },
): GraphDocument {
  const parsed = options.rules ? parseGraph(document) : parseGraphShape(document);
  if (!parsed.ok) {
    const issues = graphIssues(parsed.issues, options.prefix);
    throw new InvalidRequestError(
      `The graph document is not valid: ${issues[0]?.message ?? 'unknown problem'}${issues.length > 1 ? ` (and ${issues.length - 1} more)` : ''}`,
      issues,
      'invalid_graph',
    );
  }
  return parsed.graph;
}

/** The export text (the contracts' `exportGraphJson`: the format's key order, pretty), with no secret in it. */
export function exportText(document: GraphDocument, secrets: readonly string[]): string {
  return exportGraphJson(scrubJson(document, secrets).value);
}

/** A file name from a graph name: `Research team` -> `research-team.baton.json`. */
export function exportFileName(name: string, version?: number): string {
  const slug =
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80) || 'graph';
  return `${slug}${version === undefined ? '' : `-v${version}`}.baton.json`;
}
