// New nodes: default data per kind, unique slug names (`specialist`, `specialist_2`) and default sizes.
import { assertNever, type GraphNode, type NodeKind, type Position } from '@baton/contracts';

/** The size a node is drawn at before the browser has measured it (layout and drop targets use it). */
export const DEFAULT_NODE_SIZE = { width: 220, height: 76 } as const;
export const DEFAULT_MESH_SIZE = { width: 460, height: 280 } as const;

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

/** A node of `kind` with default data, named uniquely among `taken`. */
export function createNode(kind: NodeKind, id: string, position: Position, taken: ReadonlySet<string>): GraphNode {
  const name = uniqueName(kind, taken);
  const base = { id, position: { x: Math.round(position.x), y: Math.round(position.y) } };
  switch (kind) {
    case 'input':
      return { ...base, kind, data: { name, description: 'The goal of the run.' } };
    case 'output':
      return { ...base, kind, data: { name, description: '' } };
    case 'specialist':
      return { ...base, kind, data: { name, description: '', instructions: '', tier: 'balanced' } };
    case 'orchestrator':
      return {
        ...base,
        kind,
        data: { name, description: '', instructions: '', synthesisInstructions: '', tier: 'balanced', concurrency: 4 },
      };
    case 'router':
      return { ...base, kind, data: { name, description: '', instructions: '' } };
    case 'reviewer':
      return { ...base, kind, data: { name, description: '', criteria: '', tier: 'balanced', maxRevisions: 2 } };
    case 'mesh':
      return {
        ...base,
        kind,
        width: DEFAULT_MESH_SIZE.width,
        height: DEFAULT_MESH_SIZE.height,
        data: { name, description: '', instructions: '', tier: 'balanced', maxRounds: 3 },
      };
    default:
      return assertNever(kind, 'node kind');
  }
}

/** The size a node occupies: its own size if set, the measured one if known, else the default for its kind. */
export function nodeSize(
  node: GraphNode,
  measured?: { width?: number; height?: number },
): { width: number; height: number } {
  const fallback = node.kind === 'mesh' ? DEFAULT_MESH_SIZE : DEFAULT_NODE_SIZE;
  return {
    width: node.width ?? measured?.width ?? fallback.width,
    height: node.height ?? measured?.height ?? fallback.height,
  };
}
