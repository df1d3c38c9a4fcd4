// The open graph's document store: the export-format document is the truth, with undo/redo; no I/O happens here.
import type {
  EdgeKind,
  GraphDocument,
  GraphEdge,
  GraphIssue,
  GraphNode,
  NodeKind,
  Position,
  Viewport,
} from '@baton/contracts';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { type ConnectionCheck, type ConnectionRequest, checkConnection } from './connect';
import { extractFragment, type Fragment, instantiateFragment, removeElements } from './fragment';
import { closeStep, emptyHistory, type History, record, redo, undo } from './history';
import { findContainingMesh, type MeasuredSizes, parentsFirst, reparent, type Size } from './mesh-parenting';
import { createNode, takenNames } from './node-factory';
import { indexProblems, NO_PROBLEMS, type ProblemIndex } from './problems';
import {
  NO_UNAPPLIED,
  pruneUnapplied,
  type UnappliedText,
  type UnappliedTexts,
  unappliedIssues,
} from './unapplied-text';

export interface Selection {
  nodes: ReadonlySet<string>;
  edges: ReadonlySet<string>;
}

export type ConnectResult = ConnectionCheck | { status: 'connected'; edge: GraphEdge };

/** A field patch: keys set to undefined are removed (an output schema switched off, a contract cleared). */
export type Patch = Record<string, unknown>;

export interface NodeMove {
  id: string;
  position: Position;
}

export interface DocumentState {
  document: GraphDocument;
  selection: Selection;
  /**
   * Whether the selection is for editing (the inspector shows it) or only points at a node, as the trace's chosen
   * action does: reading a run must not fold the inspector open over the trace.
   */
  inspecting: boolean;
  /** Sizes the browser measured, by node id: React Flow needs them back, layout and drop targets use them. */
  measured: MeasuredSizes;
  /** The graph's problems: its rules' (from parseGraph) and the fields' text that could not be applied. */
  problems: ProblemIndex;
  /** The last issues parseGraph found, kept to combine them with `unapplied`. */
  ruleIssues: readonly GraphIssue[];
  unapplied: UnappliedTexts;
  /** Increases on every change of the document (edits, undo, redo, replaceDocument), never on load or selection. */
  changeCount: number;
  history: History<GraphDocument>;
  clipboard: Fragment | null;
  /** How many times the clipboard has been pasted, so repeated pastes cascade instead of stacking. */
  pasteCount: number;
  viewport: Viewport | undefined;

  /** Opens a document: history, selection and problems start afresh. */
  load(document: GraphDocument): void;
  /** Replaces the whole document as one undoable change (restoring a version). */
  replaceDocument(document: GraphDocument): void;
  /** The document to save or export, with the current viewport. */
  toDocument(): GraphDocument;
  undo(): void;
  redo(): void;
  /** Ends the open coalesced step: the next edit of the same field is a new undo step. */
  closeStep(): void;

  addNode(kind: NodeKind, position: Position): GraphNode;
  checkConnection(request: ConnectionRequest): ConnectionCheck;
  connect(request: ConnectionRequest): ConnectResult;
  updateNodeData(nodeId: string, patch: Patch, coalesceKey?: string): void;
  updateEdge(edgeId: string, patch: Patch, coalesceKey?: string): void;
  deleteElements(nodeIds: Iterable<string>, edgeIds: Iterable<string>): void;
  deleteSelection(): void;
  copySelection(): boolean;
  paste(): void;
  /**
   * Pastes nodes read from the system clipboard (another graph's, maybe): they become this store's clipboard, so
   * pasting again cascades as an in-graph paste does.
   */
  pasteNodes(fragment: Fragment): void;
  duplicateSelection(): void;
  selectAll(): void;
  /** `inspect: false` selects without opening the inspector (see `inspecting`). */
  setSelection(nodeIds: Iterable<string>, edgeIds: Iterable<string>, options?: { inspect?: boolean }): void;
  /** Moves nodes; calls of one drag share a step. The last call (dragging false) joins or leaves meshes. */
  moveNodes(moves: readonly NodeMove[], dragging: boolean): void;
  /** Resizes a mesh (from its resizer), optionally moving it (resizing from the top or left). */
  resizeNode(nodeId: string, size: Size, position: Position | undefined, resizing: boolean): void;
  /** Puts nodes at new positions as one undoable step (auto-layout). */
  applyPositions(positions: ReadonlyMap<string, Position>, sizes?: ReadonlyMap<string, Size>): void;
  setMeasured(sizes: ReadonlyMap<string, Size>): void;
  setProblems(issues: readonly GraphIssue[]): void;
  /** Records (or, with null, clears) a field's text that could not be applied. */
  setUnapplied(key: string, text: UnappliedText | null): void;
  setViewport(viewport: Viewport): void;
}

export type DocumentStore = StoreApi<DocumentState>;

export interface DocumentStoreOptions {
  /** Id source; tests pass a counter. Defaults to random UUIDs. */
  createId?: (prefix: 'n' | 'e') => string;
}

const EMPTY_SELECTION: Selection = { nodes: new Set(), edges: new Set() };

function defaultId(prefix: 'n' | 'e'): string {
  return `${prefix}_${crypto.randomUUID().replaceAll('-', '').slice(0, 12)}`;
}

export function createDocumentStore(initial: GraphDocument, options: DocumentStoreOptions = {}): DocumentStore {
  const createId = options.createId ?? defaultId;

  return createStore<DocumentState>()((set, get) => {
    /** Makes `next` the document as one undo step (or part of the open one with the same key). */
    const commit = (next: GraphDocument, coalesceKey?: string, selection?: Selection) => {
      const state = get();
      if (next === state.document && !selection) return;
      set({
        document: next,
        history: record(state.history, state.document, coalesceKey),
        changeCount: state.changeCount + 1,
        selection: pruneSelection(selection ?? state.selection, next),
        ...(selection ? { inspecting: true } : {}),
      });
    };

    const travel = (step: typeof undo) => {
      const state = get();
      const moved = step(state.history, state.document);
      if (!moved) return;
      set({
        document: moved.present,
        history: moved.history,
        changeCount: state.changeCount + 1,
        selection: pruneSelection(state.selection, moved.present),
      });
    };

    const pasteFragment = (fragment: Fragment, offset: number) => {
      const { document } = get();
      const copy = instantiateFragment(fragment, document, createId, offset);
      commit(
        { ...document, nodes: [...document.nodes, ...copy.nodes], edges: [...document.edges, ...copy.edges] },
        undefined,
        {
          nodes: new Set(copy.nodes.map((node) => node.id)),
          edges: new Set(copy.edges.map((edge) => edge.id)),
        },
      );
    };

    return {
      document: initial,
      selection: EMPTY_SELECTION,
      inspecting: true,
      measured: new Map(),
      problems: NO_PROBLEMS,
      ruleIssues: [],
      unapplied: NO_UNAPPLIED,
      changeCount: 0,
      history: emptyHistory(),
      clipboard: null,
      pasteCount: 0,
      viewport: initial.viewport,

      load: (document) =>
        set({
          document,
          history: emptyHistory(),
          selection: EMPTY_SELECTION,
          problems: NO_PROBLEMS,
          ruleIssues: [],
          unapplied: NO_UNAPPLIED,
          measured: new Map(),
          viewport: document.viewport,
        }),
      replaceDocument: (document) => commit(document),
      toDocument: () => {
        const { document, viewport } = get();
        return viewport ? { ...document, viewport } : document;
      },
      undo: () => travel(undo),
      redo: () => travel(redo),
      closeStep: () => set({ history: closeStep(get().history) }),

      addNode: (kind, position) => {
        const { document, measured } = get();
        let node = createNode(kind, createId('n'), position, takenNames(document.nodes));
        const byId = new Map(document.nodes.map((n) => [n.id, n]));
        const mesh = findContainingMesh(node, document.nodes, byId, measured);
        if (mesh) node = reparent(node, mesh, byId, measured);
        commit({ ...document, nodes: [...document.nodes, node] }, undefined, {
          nodes: new Set([node.id]),
          edges: new Set(),
        });
        return node;
      },

      checkConnection: (request) => checkConnection(get().document, request),

      connect: (request) => {
        const { document } = get();
        const check = checkConnection(document, request);
        if (check.status !== 'ok') return check;
        const edge = newEdge(createId('e'), check.kind, request.source, request.target);
        commit({ ...document, edges: [...document.edges, edge] });
        return { status: 'connected', edge };
      },

      updateNodeData: (nodeId, patch, coalesceKey) => {
        const { document } = get();
        const nodes = replaceById(
          document.nodes,
          nodeId,
          (node) => ({ ...node, data: applyPatch(node.data, patch) }) as GraphNode,
        );
        if (nodes !== document.nodes) commit({ ...document, nodes }, coalesceKey);
      },

      updateEdge: (edgeId, patch, coalesceKey) => {
        const { document } = get();
        const edges = replaceById(document.edges, edgeId, (edge) => applyPatch(edge, patch) as GraphEdge);
        if (edges !== document.edges) commit({ ...document, edges }, coalesceKey);
      },

      deleteElements: (nodeIds, edgeIds) => {
        const { document } = get();
        const next = removeElements(document, new Set(nodeIds), new Set(edgeIds));
        if (next !== document) commit(next);
      },
      deleteSelection: () => {
        const { selection } = get();
        get().deleteElements(selection.nodes, selection.edges);
      },

      copySelection: () => {
        const fragment = extractFragment(get().document, get().selection.nodes);
        if (fragment) set({ clipboard: fragment, pasteCount: 0 });
        return fragment !== null;
      },
      paste: () => {
        const { clipboard, pasteCount } = get();
        if (!clipboard) return;
        set({ pasteCount: pasteCount + 1 });
        pasteFragment(clipboard, pasteCount + 1);
      },
      pasteNodes: (fragment) => {
        set({ clipboard: fragment, pasteCount: 1 });
        pasteFragment(fragment, 1);
      },
      duplicateSelection: () => {
        const fragment = extractFragment(get().document, get().selection.nodes);
        if (fragment) pasteFragment(fragment, 1);
      },

      selectAll: () => {
        const { document } = get();
        set({
          selection: {
            nodes: new Set(document.nodes.map((node) => node.id)),
            edges: new Set(document.edges.map((edge) => edge.id)),
          },
          inspecting: true,
        });
      },
      setSelection: (nodeIds, edgeIds, options) => {
        // Unchanged halves keep their Set, so selecting an edge does not re-derive every node.
        const { selection: current, inspecting } = get();
        const nodes = sameSet(current.nodes, nodeIds);
        const edges = sameSet(current.edges, edgeIds);
        const inspect = options?.inspect ?? true;
        if (nodes !== current.nodes || edges !== current.edges || inspect !== inspecting) {
          set({ selection: { nodes, edges }, inspecting: inspect });
        }
      },

      moveNodes: (moves, dragging) => {
        const { document, measured } = get();
        const positions = new Map(moves.map((move) => [move.id, move.position]));
        let nodes = document.nodes.map((node) => {
          const position = positions.get(node.id);
          return position && (position.x !== node.position.x || position.y !== node.position.y)
            ? ({ ...node, position } as GraphNode)
            : node;
        });
        if (!dragging) nodes = joinOrLeaveMeshes(nodes, positions, measured);
        const changed = nodes.some((node, i) => node !== document.nodes[i]);
        const key = `move:${[...positions.keys()].sort().join(',')}`;
        if (changed) commit({ ...document, nodes: parentsFirst(nodes) }, key);
        if (!dragging) set({ history: closeStep(get().history) });
      },

      resizeNode: (nodeId, size, position, resizing) => {
        const { document } = get();
        const nodes = replaceById(
          document.nodes,
          nodeId,
          (node) =>
            ({
              ...node,
              width: Math.round(size.width),
              height: Math.round(size.height),
              position: position ?? node.position,
            }) as GraphNode,
        );
        commit({ ...document, nodes }, `resize:${nodeId}`);
        if (!resizing) set({ history: closeStep(get().history) });
      },

      applyPositions: (positions, sizes) => {
        const { document } = get();
        const nodes = document.nodes.map((node) => {
          const position = positions.get(node.id);
          const size = node.kind === 'mesh' ? sizes?.get(node.id) : undefined;
          if (!position && !size) return node;
          const moved = { ...node, position: position ?? node.position } as GraphNode;
          if (size) {
            moved.width = Math.round(size.width);
            moved.height = Math.round(size.height);
          }
          return moved;
        });
        commit({ ...document, nodes });
      },

      setMeasured: (sizes) => {
        const current = get().measured;
        let next: Map<string, Size> | null = null;
        for (const [id, size] of sizes) {
          const old = current.get(id);
          if (old && old.width === size.width && old.height === size.height) continue;
          next ??= new Map(current);
          next.set(id, size);
        }
        if (next) set({ measured: next });
      },

      setProblems: (issues) => {
        const { document } = get();
        const unapplied = pruneUnapplied(get().unapplied, document);
        set({ ruleIssues: issues, unapplied, problems: combineProblems(issues, unapplied, document) });
      },
      setUnapplied: (key, text) => {
        const { document, ruleIssues, unapplied: current } = get();
        if (!text && !current.has(key)) return;
        const unapplied = new Map(current);
        if (text) unapplied.set(key, text);
        else unapplied.delete(key);
        set({ unapplied, problems: combineProblems(ruleIssues, unapplied, document) });
      },
      setViewport: (viewport) => set({ viewport }),
    };
  });
}

function combineProblems(
  ruleIssues: readonly GraphIssue[],
  unapplied: UnappliedTexts,
  document: GraphDocument,
): ProblemIndex {
  return indexProblems([...ruleIssues, ...unappliedIssues(unapplied, document)], document);
}

function newEdge(id: string, kind: EdgeKind, source: string, target: string): GraphEdge {
  return { id, kind, source, target } as GraphEdge;
}

function applyPatch<T extends object>(target: T, patch: Patch): T {
  const next = { ...target } as Record<string, unknown>;
  let changed = false;
  for (const [key, value] of Object.entries(patch)) {
    if (next[key] === value) continue;
    changed = true;
    if (value === undefined) delete next[key];
    else next[key] = value;
  }
  return changed ? (next as T) : target;
}

function replaceById<T extends { id: string }>(list: readonly T[], id: string, change: (item: T) => T): T[] {
  const index = list.findIndex((item) => item.id === id);
  if (index < 0) return list as T[];
  const item = list[index]!;
  const next = change(item);
  if (next === item) return list as T[];
  const copy = [...list];
  copy[index] = next;
  return copy;
}

/** After a drag: moved specialists whose centre is inside a mesh become its peers; those dragged out leave. */
function joinOrLeaveMeshes(
  nodes: GraphNode[],
  moved: ReadonlyMap<string, Position>,
  measured: MeasuredSizes,
): GraphNode[] {
  const byId = new Map(nodes.map((node) => [node.id, node]));
  return nodes.map((node) => {
    if (!moved.has(node.id) || node.kind !== 'specialist') return node;
    // A peer moving together with its mesh stays where it is.
    if (node.parentId && moved.has(node.parentId)) return node;
    const mesh = findContainingMesh(node, nodes, byId, measured);
    return reparent(node, mesh, byId, measured);
  });
}

/** `current` when `ids` holds exactly its members, else a new Set of `ids`. */
function sameSet(current: ReadonlySet<string>, ids: Iterable<string>): ReadonlySet<string> {
  const next = new Set(ids);
  if (next.size !== current.size) return next;
  for (const id of next) if (!current.has(id)) return next;
  return current;
}

function pruneSelection(selection: Selection, document: GraphDocument): Selection {
  if (selection.nodes.size === 0 && selection.edges.size === 0) return selection;
  const nodeIds = new Set(document.nodes.map((node) => node.id));
  const edgeIds = new Set(document.edges.map((edge) => edge.id));
  const nodes = [...selection.nodes].filter((id) => nodeIds.has(id));
  const edges = [...selection.edges].filter((id) => edgeIds.has(id));
  if (nodes.length === selection.nodes.size && edges.length === selection.edges.size) return selection;
  return { nodes: new Set(nodes), edges: new Set(edges) };
}
