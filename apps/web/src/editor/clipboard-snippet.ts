// Copied nodes as text on the system clipboard, so they paste into another graph (another tab, another browser): a
// small versioned JSON snippet. Pasted text is user data: it is checked like an imported graph (size, depth, the
// node and edge schemas, edge kinds against the edge table) and pastes whole or not at all.
import {
  edgeKindFits,
  formatJsonPath,
  GRAPH_JSON_LIMITS,
  GraphEdge,
  GraphNode,
  parseJsonText,
  zodIssuesToGraphIssues,
} from '@baton/contracts';
import { z } from 'zod';
import type { Fragment } from './fragment';

export const SNIPPET_FORMAT = 'baton.nodes';

const Snippet = z.strictObject({
  format: z.literal(SNIPPET_FORMAT),
  version: z.literal(1),
  nodes: z.array(GraphNode).min(1, 'A snippet holds at least one node.'),
  edges: z.array(GraphEdge),
});

export function snippetText(fragment: Fragment): string {
  return JSON.stringify({ format: SNIPPET_FORMAT, version: 1, nodes: fragment.nodes, edges: fragment.edges });
}

export type SnippetRead =
  /** `droppedEdges`: edges whose ends are not both in the snippet, left out. */
  | { ok: true; fragment: Fragment; droppedEdges: number }
  /** `path`: where in the pasted JSON the first problem is. */
  | { ok: false; message: string; path: string };

/** Reads pasted text as Baton nodes, or says in one sentence (with the JSON path) why it cannot be pasted. */
export function readSnippet(text: string): SnippetRead {
  const guarded = parseJsonText(text, { ...GRAPH_JSON_LIMITS, subject: 'The pasted text', noun: 'pasted nodes' });
  if (!guarded.ok) {
    return refuse(`The clipboard holds no Baton nodes: ${guarded.issues[0]?.message ?? 'it is not JSON.'}`, '$');
  }
  const value = guarded.value as { format?: unknown };
  if (typeof value !== 'object' || value === null || value.format !== SNIPPET_FORMAT) {
    return refuse('The clipboard holds no Baton nodes: copy nodes in a Baton editor first.', '$.format');
  }
  const parsed = Snippet.safeParse(value);
  if (!parsed.success) {
    const [issue] = zodIssuesToGraphIssues(parsed.error.issues, value);
    const path = formatJsonPath(issue?.path ?? []);
    return refuse(`Nothing was pasted: ${issue?.message ?? 'the snippet is not valid'} (at ${path}).`, path);
  }
  const { nodes, edges } = parsed.data;
  const ids = new Set<string>();
  for (const [index, node] of nodes.entries()) {
    if (ids.has(node.id))
      return refuse(`Nothing was pasted: two nodes share the id "${node.id}".`, `$.nodes[${index}].id`);
    ids.add(node.id);
  }
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const kept: GraphEdge[] = [];
  for (const [index, edge] of edges.entries()) {
    const source = byId.get(edge.source);
    const target = byId.get(edge.target);
    if (!source || !target) continue;
    if (!edgeKindFits(edge.kind, source.kind, target.kind)) {
      return refuse(
        `Nothing was pasted: a ${edge.kind} edge cannot join ${source.kind} to ${target.kind}.`,
        `$.edges[${index}].kind`,
      );
    }
    kept.push(edge);
  }
  // A peer whose mesh was not copied becomes a free node (its position was relative to the mesh).
  const freed = nodes.map((node) => {
    if (!node.parentId || byId.has(node.parentId)) return node;
    const { parentId: _mesh, ...rest } = node;
    return rest as GraphNode;
  });
  return { ok: true, fragment: { nodes: freed, edges: kept }, droppedEdges: edges.length - kept.length };
}

function refuse(message: string, path: string): SnippetRead {
  return { ok: false, message, path };
}
