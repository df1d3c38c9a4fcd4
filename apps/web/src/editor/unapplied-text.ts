// Text a person typed into a field that cannot be applied (a schema that is not JSON): the document keeps the value
// from before, so without this the old value would run silently. Each such text is a problem of the graph, on the
// node or edge it belongs to, until it is fixed, undone, or its node or edge is deleted.
import type { GraphDocument, GraphIssue, JsonPath } from '@baton/contracts';

export interface UnappliedText {
  target: { kind: 'node' | 'edge'; id: string };
  /** Where the field is inside its node or edge: `['contract', 'schema']`. */
  field: JsonPath;
  /** The text as typed, so that the field shows it again when the inspector reopens. */
  text: string;
  /** The sentence for the problems list: what the text is for, and why it was not applied. */
  message: string;
}

export type UnappliedTexts = ReadonlyMap<string, UnappliedText>;

export const NO_UNAPPLIED: UnappliedTexts = new Map();

/** The key of a field's unapplied text: one per field of one node or edge. */
export function unappliedKey(target: UnappliedText['target'], field: JsonPath): string {
  return `${target.kind}:${target.id}:${field.join('.')}`;
}

/** Problems for the unapplied texts whose node or edge is still in the document, with the path it has now. */
export function unappliedIssues(texts: UnappliedTexts, document: GraphDocument): GraphIssue[] {
  const issues: GraphIssue[] = [];
  for (const text of texts.values()) {
    const { kind, id } = text.target;
    const list: readonly { id: string }[] = kind === 'node' ? document.nodes : document.edges;
    const index = list.findIndex((item) => item.id === id);
    if (index < 0) continue;
    issues.push({
      code: 'invalid_json',
      path: [kind === 'node' ? 'nodes' : 'edges', index, ...text.field],
      message: text.message,
      ...(kind === 'node' ? { nodeId: id } : { edgeId: id }),
    });
  }
  return issues;
}

/** Drops the texts of nodes and edges that are gone (deleted, or undone away). */
export function pruneUnapplied(texts: UnappliedTexts, document: GraphDocument): UnappliedTexts {
  if (texts.size === 0) return texts;
  const nodes = new Set(document.nodes.map((node) => node.id));
  const edges = new Set(document.edges.map((edge) => edge.id));
  let next: Map<string, UnappliedText> | null = null;
  for (const [key, text] of texts) {
    if ((text.target.kind === 'node' ? nodes : edges).has(text.target.id)) continue;
    next ??= new Map(texts);
    next.delete(key);
  }
  return next ?? texts;
}
