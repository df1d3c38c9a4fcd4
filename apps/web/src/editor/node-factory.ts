// New nodes: the contract's defaults plus the kind's seed (`kinds/<kind>.tsx`), unique slug names (`specialist`,
// `specialist_2`) and the sizes nodes are drawn at before they are measured.
import { GraphNode, type NodeKind, type Position } from '@baton/contracts';
import { WEB_NODE_KINDS } from './kinds';

/** A name is a slug of at most 64 characters. */
const MAX_NAME_LENGTH = 64;

/** `base` if free, else `base_2`, `base_3`... (a trailing `_N` of the base is replaced, not extended). */
export function uniqueName(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  const stem = base.replace(/_\d+$/, '') || base;
  for (let n = 2; ; n++) {
    const suffix = `_${n}`;
    const candidate = `${stem.slice(0, MAX_NAME_LENGTH - suffix.length)}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}

export function takenNames(nodes: readonly GraphNode[]): Set<string> {
  return new Set(nodes.map((node) => node.data.name));
}

/** A node of `kind` with the contract's default data and its kind's seed, named uniquely among `taken`. */
export function createNode(kind: NodeKind, id: string, position: Position, taken: ReadonlySet<string>): GraphNode {
  const entry = WEB_NODE_KINDS[kind];
  const size = entry.sized ? { width: entry.size.width, height: entry.size.height } : {};
  return GraphNode.parse({
    id,
    kind,
    position: { x: Math.round(position.x), y: Math.round(position.y) },
    ...size,
    data: { ...entry.seed, name: uniqueName(kind, taken) },
  });
}

/** The size a node occupies: its own size if set, the measured one if known, else the default for its kind. */
export function nodeSize(
  node: Pick<GraphNode, 'kind' | 'width' | 'height'>,
  measured?: { width?: number; height?: number },
): { width: number; height: number } {
  const fallback = WEB_NODE_KINDS[node.kind].size;
  return {
    width: node.width ?? measured?.width ?? fallback.width,
    height: node.height ?? measured?.height ?? fallback.height,
  };
}
