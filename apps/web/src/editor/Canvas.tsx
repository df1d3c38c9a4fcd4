// The React Flow canvas, controlled by the document store: changes go to the store, nodes and edges come back from it.
import type { NodeKind } from '@baton/contracts';
import {
  Background,
  BackgroundVariant,
  type Connection,
  Controls,
  type EdgeChange,
  type FinalConnectionState,
  MiniMap,
  type NodeChange,
  ReactFlow,
  useNodesInitialized,
  useReactFlow,
} from '@xyflow/react';
import { type DragEvent, type MouseEvent as ReactMouseEvent, useCallback, useEffect, useMemo, useRef } from 'react';
import { useResolvedTheme } from '../app/ThemeSwitch';
import type { ContextMenuState } from './ContextMenu';
import { useDocument, useDocumentStore } from './document-context';
import type { NodeMove } from './document-store';
import { MINIMAP_SIZE } from './fit-view';
import { createFlowSelectors, type FlowEdge, type FlowNode } from './flow-derive';
import { EDGE_TYPES } from './flow-types';
import { NODE_TYPES } from './kinds';
import type { Size } from './mesh-parenting';
import { nodeSize } from './node-factory';
import { PALETTE_MIME } from './Palette';

export const SNAP_GRID: [number, number] = [8, 8];

export interface CanvasProps {
  /** A refused connection: the canvas shows the sentence near the pointer. */
  onRefused(reason: string, at: { x: number; y: number }): void;
  /** Several edge kinds fit: the canvas asks which with a small menu. */
  onChooseKind(request: { source: string; target: string; kinds: string[] }, at: { x: number; y: number }): void;
  /** The nodes are measured the first time: a graph opened without a saved viewport is fitted then. */
  onReady?(): void;
  /** A right-click on a node, an edge or the canvas (screen coordinates). */
  onContextMenu?(target: ContextMenuState['target'], at: { x: number; y: number }): void;
}

/**
 * How the canvas fits the graph into view. Nodes never drawn yet (out of view: React Flow renders only what is in
 * view) have no measured size; React Flow leaves such nodes out of a fit unless told to count them ("hidden"), which
 * it then does by the size they are about to have (`flow-derive.ts`).
 */
export const FIT_VIEW = { maxZoom: 1.1, padding: 0.2, includeHiddenNodes: true } as const;

const DEFAULT_EDGE_OPTIONS = { markerEnd: { type: 'arrowclosed' as const, width: 16, height: 16 } };

/**
 * Culling off-screen nodes pays for a thousand-node graph; below this it saves nothing worth the cost: at the readable
 * zoom a graph need not fit the canvas, and a node working off-screen should still be there when panned to.
 */
const CULL_FROM_NODES = 200;

const MINIMAP_STYLE = { width: MINIMAP_SIZE.width, height: MINIMAP_SIZE.height };

export function Canvas({ onRefused, onChooseKind, onReady, onContextMenu }: CanvasProps) {
  const store = useDocumentStore();
  const flow = useReactFlow();
  const colorMode = useResolvedTheme();
  const selectors = useMemo(createFlowSelectors, []);
  const nodes = useDocument(selectors.selectNodes);
  const edges = useDocument(selectors.selectEdges);
  // Read once: the canvas's viewport is its own after that, reported back on every move end.
  const initialViewport = useMemo(() => store.getState().viewport, [store]);
  const nodesMeasured = useNodesInitialized();
  const fitted = useRef(initialViewport !== undefined);
  useEffect(() => {
    if (!nodesMeasured || fitted.current) return;
    fitted.current = true;
    onReady?.();
  }, [nodesMeasured, onReady]);

  const onNodesChange = useCallback(
    (changes: NodeChange<FlowNode>[]) => {
      const state = store.getState();
      const moves: NodeMove[] = [];
      let dragging = false;
      const measured = new Map<string, Size>();
      let selectionChanged = false;
      const selected = new Set(state.selection.nodes);
      for (const change of changes) {
        if (change.type === 'position' && change.position) {
          moves.push({ id: change.id, position: change.position });
          dragging ||= change.dragging === true;
        } else if (change.type === 'position' && change.dragging === false) {
          // The end of a drag comes without a position: it closes the step and settles mesh membership.
          moves.push({ id: change.id, position: positionOf(state.document.nodes, change.id) });
        } else if (change.type === 'dimensions' && change.dimensions && change.resizing === undefined) {
          measured.set(change.id, change.dimensions);
        } else if (change.type === 'select') {
          selectionChanged = true;
          if (change.selected) selected.add(change.id);
          else selected.delete(change.id);
        }
      }
      if (measured.size > 0) state.setMeasured(measured);
      if (moves.length > 0) state.moveNodes(moves, dragging);
      if (selectionChanged) state.setSelection(selected, state.selection.edges);
    },
    [store],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange<FlowEdge>[]) => {
      const state = store.getState();
      const selected = new Set(state.selection.edges);
      let changed = false;
      for (const change of changes) {
        if (change.type !== 'select') continue;
        changed = true;
        if (change.selected) selected.add(change.id);
        else selected.delete(change.id);
      }
      if (changed) state.setSelection(state.selection.nodes, selected);
    },
    [store],
  );

  const isValidConnection = useCallback(
    (connection: Connection | FlowEdge) =>
      store.getState().checkConnection({
        source: connection.source,
        target: connection.target,
        sourceHandle: connection.sourceHandle ?? null,
        targetHandle: connection.targetHandle ?? null,
      }).status !== 'refused',
    [store],
  );

  const onConnectEnd = useCallback(
    (event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      const point = pointerOf(event);
      const fromNode = state.fromNode;
      if (!fromNode) return;
      // A drop on a node's body (not on a handle) still means that node.
      const toId = state.toNode?.id ?? nodeIdAt(point);
      if (!toId || (toId === fromNode.id && !state.toNode)) return;
      const fromIsSource = state.fromHandle?.type !== 'target';
      const request = {
        source: fromIsSource ? fromNode.id : toId,
        target: fromIsSource ? toId : fromNode.id,
        sourceHandle: fromIsSource ? (state.fromHandle?.id ?? null) : (state.toHandle?.id ?? null),
        targetHandle: fromIsSource ? (state.toHandle?.id ?? null) : (state.fromHandle?.id ?? null),
      };
      const result = store.getState().connect(request);
      if (result.status === 'refused') onRefused(result.reason, point);
      else if (result.status === 'choose')
        onChooseKind({ source: request.source, target: request.target, kinds: result.kinds }, point);
    },
    [store, onRefused, onChooseKind],
  );

  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(PALETTE_MIME)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      const kind = event.dataTransfer.getData(PALETTE_MIME) as NodeKind;
      if (!kind) return;
      event.preventDefault();
      const point = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      const size = nodeSize({ kind } as Parameters<typeof nodeSize>[0]);
      store.getState().addNode(kind, { x: point.x - size.width / 2, y: point.y - size.height / 2 });
    },
    [flow, store],
  );

  const onNodeContextMenu = useCallback(
    (event: ReactMouseEvent, node: FlowNode) => {
      event.preventDefault();
      const state = store.getState();
      // A right-click on a node outside the selection acts on that node, as in Figma and n8n.
      if (!state.selection.nodes.has(node.id)) state.setSelection([node.id], []);
      onContextMenu?.({ type: 'node', id: node.id }, { x: event.clientX, y: event.clientY });
    },
    [store, onContextMenu],
  );

  const onEdgeContextMenu = useCallback(
    (event: ReactMouseEvent, edge: FlowEdge) => {
      event.preventDefault();
      const state = store.getState();
      if (!state.selection.edges.has(edge.id)) state.setSelection([], [edge.id]);
      onContextMenu?.({ type: 'edge', id: edge.id }, { x: event.clientX, y: event.clientY });
    },
    [store, onContextMenu],
  );

  const onPaneContextMenu = useCallback(
    (event: ReactMouseEvent | MouseEvent) => {
      event.preventDefault();
      const at = { x: event.clientX, y: event.clientY };
      onContextMenu?.({ type: 'canvas', flow: flow.screenToFlowPosition(at) }, at);
    },
    [flow, onContextMenu],
  );

  return (
    <ReactFlow<FlowNode, FlowEdge>
      nodes={nodes}
      edges={edges}
      nodeTypes={NODE_TYPES}
      edgeTypes={EDGE_TYPES}
      onNodesChange={onNodesChange}
      onEdgesChange={onEdgesChange}
      isValidConnection={isValidConnection}
      onConnectEnd={onConnectEnd}
      onMoveEnd={(_event, viewport) => store.getState().setViewport(viewport)}
      onDragOver={onDragOver}
      onDrop={onDrop}
      onNodeContextMenu={onNodeContextMenu}
      onEdgeContextMenu={onEdgeContextMenu}
      onPaneContextMenu={onPaneContextMenu}
      defaultViewport={initialViewport}
      defaultEdgeOptions={DEFAULT_EDGE_OPTIONS}
      snapToGrid
      snapGrid={SNAP_GRID}
      // React Flow measures the grip (pointer minus node) when the drag starts; with the default threshold that is
      // the first move past 1 px, so a fast first move was lost and the node trailed the pointer by it for the whole
      // drag (a circle back to the start left it ~130 px away). Starting at the press keeps the grip exact.
      nodeDragThreshold={0}
      deleteKeyCode={null}
      selectionKeyCode="Shift"
      multiSelectionKeyCode={['Meta', 'Control', 'Shift']}
      minZoom={0.05}
      maxZoom={2.5}
      colorMode={colorMode}
      onlyRenderVisibleElements={nodes.length > CULL_FROM_NODES}
    >
      <Background variant={BackgroundVariant.Dots} gap={16} size={1} />
      <MiniMap
        pannable
        zoomable
        className="baton-minimap"
        style={MINIMAP_STYLE}
        nodeClassName={(node) => `minimap-${node.type}`}
      />
      {/* One fit: the toolbar's Fit view, which keeps the zoom readable (fit-view.ts); React Flow's own button would not. */}
      <Controls className="baton-controls" showFitView={false} />
    </ReactFlow>
  );
}

function positionOf(nodes: readonly { id: string; position: { x: number; y: number } }[], id: string) {
  return nodes.find((node) => node.id === id)?.position ?? { x: 0, y: 0 };
}

function pointerOf(event: MouseEvent | TouchEvent): { x: number; y: number } {
  if ('changedTouches' in event) {
    const touch = event.changedTouches[0];
    return { x: touch?.clientX ?? 0, y: touch?.clientY ?? 0 };
  }
  return { x: event.clientX, y: event.clientY };
}

function nodeIdAt(point: { x: number; y: number }): string | undefined {
  const element = document.elementFromPoint(point.x, point.y)?.closest<HTMLElement>('.react-flow__node');
  return element?.dataset.id;
}
