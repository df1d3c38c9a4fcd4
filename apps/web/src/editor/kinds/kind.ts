// What the web app knows of one node kind, and the parts every kind derives from the contracts (handles, sizes).
import {
  type EdgeKind,
  incomingEdgeKinds,
  type NodeData,
  type NodeKind,
  type NodeOfKind,
  outgoingEdgeKinds,
} from '@baton/contracts';
import type { Node, NodeProps } from '@xyflow/react';
import type { ComponentType, ReactNode } from 'react';

/** Handle ids on the canvas. `dispatch` (orchestrator, bottom) and `worker` (specialist, top) imply a dispatch edge. */
export const HANDLE = { out: 'out', in: 'in', dispatch: 'dispatch', worker: 'worker' } as const;

export interface HandleSpec {
  id: string;
  type: 'source' | 'target';
  side: 'left' | 'right' | 'top' | 'bottom';
  /** The edge kinds this handle takes: its colour and tooltip. */
  kinds: readonly EdgeKind[];
}

/** How a kind looks wherever it is named: on the canvas, in the palette and in the inspector. */
export interface KindLook {
  label: string;
  /** How sentences name one: "an input", "a router". */
  article: string;
  summary: string;
  icon: ReactNode;
  handles: readonly HandleSpec[];
}

/** The inspector's fields of one kind, below the name and description every node has. */
export interface KindFieldsProps<K extends NodeKind> {
  node: NodeOfKind<K>;
  /** Sets one field of the node's data; typing into one field is one undo step. */
  update(field: keyof NodeData<K> & string, value: unknown): void;
}

export interface WebNodeKind<K extends NodeKind> extends KindLook {
  /** The canvas component (React Flow node type); `& Record` only restates for a generic K what each kind's data is. */
  Node: ComponentType<NodeProps<Node<NodeData<K> & Record<string, unknown>, K>>>;
  /** The kind's own inspector fields; none for kinds with only a name and a description. */
  Fields?: ComponentType<KindFieldsProps<K>>;
  /** What a new node starts with beyond the contract's defaults (its schema fills in the rest). */
  seed?: Partial<NodeData<K>>;
  /** The size it is drawn at before the browser has measured it (layout and drop targets use it). */
  size: { width: number; height: number };
  /** True for kinds whose node has a size of its own (a group that is resized): new nodes store `size`. */
  sized?: boolean;
}

export const DEFAULT_NODE_SIZE = { width: 220, height: 76 } as const;

/**
 * A kind's handles, from the contracts' edge table: one target handle on the left for the kinds it receives and one
 * source handle on the right for those it starts; dispatch edges have their own (orchestrator bottom, worker top).
 */
export function handlesFor(kind: NodeKind): HandleSpec[] {
  const incoming = incomingEdgeKinds(kind);
  const outgoing = outgoingEdgeKinds(kind);
  const plain = (kinds: EdgeKind[]) => kinds.filter((edgeKind) => edgeKind !== 'dispatch');
  const handles: HandleSpec[] = [];
  if (plain(incoming).length > 0) handles.push({ id: HANDLE.in, type: 'target', side: 'left', kinds: plain(incoming) });
  if (incoming.includes('dispatch'))
    handles.push({ id: HANDLE.worker, type: 'target', side: 'top', kinds: ['dispatch'] });
  if (plain(outgoing).length > 0)
    handles.push({ id: HANDLE.out, type: 'source', side: 'right', kinds: plain(outgoing) });
  if (outgoing.includes('dispatch')) {
    handles.push({ id: HANDLE.dispatch, type: 'source', side: 'bottom', kinds: ['dispatch'] });
  }
  return handles;
}
