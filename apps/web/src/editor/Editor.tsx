// The graph editor: palette and problems, the canvas, the inspector and the run panel, around one document store.
import type { EdgeKind, GraphIssue, NodeKind } from '@baton/contracts';
import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { lazy, type ReactNode, Suspense, useCallback, useRef, useState } from 'react';
import { Canvas, FIT_VIEW } from './Canvas';
import { ConnectKindMenu, type KindChoice } from './ConnectKindMenu';
import { useDocument, useDocumentStore } from './document-context';
import type { DocumentState } from './document-store';
import './editor.css';
import type { ContextMenuState } from './ContextMenu';
import { fitReadable } from './fit-view';
import { freeSpotNear } from './free-spot';
import { computeLayout } from './layout';
import { nodeSize } from './node-factory';
import { Palette } from './Palette';
import { ProblemsPanel } from './ProblemsPanel';
import { RunDockProvider } from './run-dock';
import { ToolsSlot } from './ToolsSlot';
import { ToolsSlotProvider } from './tools-slot';
import { useEditorKeyboard } from './use-editor-keyboard';
import { usePanelToggles } from './use-panel-toggles';
import { useProblems } from './use-problems';
import { WorkbenchPanels } from './WorkbenchPanels';

// The inspector shows only once something is selected: its forms (schema fields, contracts) load then, not with the
// canvas. They start loading with the editor, so the first selection rarely waits.
const loadInspector = () => import('./inspector/Inspector');
void loadInspector();
const Inspector = lazy(() => loadInspector().then((module) => ({ default: module.Inspector })));

const ShortcutsDialog = lazy(() => import('./ShortcutsDialog').then((module) => ({ default: module.ShortcutsDialog })));

// The context menu loads on first use: the editor's first screen has a script budget (bundle-size.test.ts).
const CanvasMenu = lazy(() => import('./CanvasMenu').then((module) => ({ default: module.CanvasMenu })));

const showsInspector = (state: DocumentState) =>
  state.inspecting && state.selection.nodes.size + state.selection.edges.size > 0;

export interface EditorProps {
  /** Buttons of the page (save status, versions, export...), shown in the editor's toolbar. */
  toolbar?: ReactNode;
  /** The run panel, shown under the canvas. */
  runPanel?: ReactNode;
  onProblemsChange?(issues: GraphIssue[]): void;
}

interface Notice {
  text: string;
  x: number;
  y: number;
  key: number;
}

/** Needs a `<DocumentStoreProvider>` above it. */
export function Editor(props: EditorProps) {
  return (
    <ReactFlowProvider>
      <ToolsSlotProvider value={ToolsSlot}>
        <EditorLayout {...props} />
      </ToolsSlotProvider>
    </ReactFlowProvider>
  );
}

function EditorLayout({ toolbar, runPanel, onProblemsChange }: EditorProps) {
  const store = useDocumentStore();
  const flow = useReactFlow();
  const canvasRef = useRef<HTMLDivElement>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [choice, setChoice] = useState<KindChoice | null>(null);
  const [layingOut, setLayingOut] = useState(false);
  const canUndo = useDocument((state) => state.history.past.length > 0);
  const canRedo = useDocument((state) => state.history.future.length > 0);
  const selected = useDocument(showsInspector);
  const panels = usePanelToggles(flow, canvasRef);
  const [menu, setMenu] = useState<ContextMenuState | null>(null);
  const [shortcuts, setShortcuts] = useState(false);
  const closeMenu = useCallback(() => setMenu(null), []);
  const fit = useCallback(() => void fitReadable(flow, canvasRef.current), [flow]);
  // Whether the first view has settled: a saved viewport, nothing to fit, or the first fit's animation over. The
  // canvas says so (`data-view-settled`) for tests, which must not measure positions on it while it still moves.
  const [viewSettled, setViewSettled] = useState(() => {
    const { viewport, document } = store.getState();
    return viewport !== undefined || document.nodes.length === 0;
  });
  const fitFirst = useCallback(
    () => void fitReadable(flow, canvasRef.current).then(() => setViewSettled(true)),
    [flow],
  );
  useProblems(store, onProblemsChange);

  const local = useCallback((at: { x: number; y: number }) => {
    const rect = canvasRef.current?.getBoundingClientRect();
    return rect ? { x: at.x - rect.left, y: at.y - rect.top } : at;
  }, []);

  /** Shows a sentence at a point of the canvas (canvas coordinates) for a few seconds. */
  const showNotice = useCallback((text: string, at: { x: number; y: number }) => {
    const key = Date.now();
    setNotice({ text, key, ...at });
    setTimeout(() => setNotice((current) => (current?.key === key ? null : current)), 5000);
  }, []);

  /** A copy or paste's note, at the canvas's top left. */
  const noteAtTop = useCallback((text: string) => showNotice(text, { x: 16, y: 16 }), [showNotice]);

  const openMenu = useCallback(
    (target: ContextMenuState['target'], at: { x: number; y: number }) => setMenu({ target, ...local(at) }),
    [local],
  );

  /** Shift+F10: the menu of the selected node (at its corner), else of the canvas (at its centre). */
  const openMenuFromKeyboard = useCallback(() => {
    const { selection } = store.getState();
    const [nodeId] = selection.nodes;
    const element = nodeId ? document.querySelector(`.react-flow__node[data-id="${CSS.escape(nodeId)}"]`) : null;
    const rect = canvasRef.current?.getBoundingClientRect();
    if (nodeId && element) {
      const box = element.getBoundingClientRect();
      openMenu({ type: 'node', id: nodeId }, { x: box.left + 12, y: box.bottom - 4 });
      return;
    }
    const [edgeId] = selection.edges;
    if (!rect) return;
    const centre = { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
    if (edgeId) openMenu({ type: 'edge', id: edgeId }, centre);
    else openMenu({ type: 'canvas', flow: flow.screenToFlowPosition(centre) }, centre);
  }, [flow, openMenu, store]);

  useEditorKeyboard(store, {
    onNotice: noteAtTop,
    onShortcuts: () => setShortcuts(true),
    onContextMenu: openMenuFromKeyboard,
  });

  const onRefused = useCallback(
    (text: string, at: { x: number; y: number }) => showNotice(text, local(at)),
    [local, showNotice],
  );

  const onChooseKind = useCallback(
    (request: { source: string; target: string; kinds: string[] }, at: { x: number; y: number }) =>
      setChoice({ source: request.source, target: request.target, kinds: request.kinds as EdgeKind[], ...local(at) }),
    [local],
  );

  const addAtCentre = useCallback(
    (kind: NodeKind) => {
      const rect = canvasRef.current?.getBoundingClientRect();
      if (!rect) return;
      const centre = flow.screenToFlowPosition({ x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 });
      const size = nodeSize({ kind } as Parameters<typeof nodeSize>[0]);
      const { document, measured } = store.getState();
      store.getState().addNode(kind, freeSpotNear(centre, size, document.nodes, measured));
    },
    [flow, store],
  );

  const reveal = useCallback(
    (issue: GraphIssue) => {
      const state = store.getState();
      const edge = issue.edgeId ? state.document.edges.find((e) => e.id === issue.edgeId) : undefined;
      const nodeIds = issue.nodeId ? [issue.nodeId] : edge ? [edge.source, edge.target] : [];
      if (nodeIds.length === 0) return;
      state.setSelection(issue.nodeId ? [issue.nodeId] : [], edge ? [edge.id] : []);
      void flow.fitView({
        ...FIT_VIEW,
        nodes: nodeIds.map((id) => ({ id })),
        duration: 300,
        maxZoom: 1.2,
        padding: 0.4,
      });
    },
    [flow, store],
  );

  const autoLayout = useCallback(async () => {
    setLayingOut(true);
    try {
      const { document, measured } = store.getState();
      const result = await computeLayout(document, measured);
      // Edits made while the layout ran are kept: only the positions are applied.
      store.getState().applyPositions(result.positions, result.sizes);
      // After React Flow has taken the new positions in.
      setTimeout(() => void fitReadable(flow, canvasRef.current), 50);
    } finally {
      setLayingOut(false);
    }
  }, [flow, store]);

  return (
    <div className="editor">
      <div className="editor-toolbar" role="toolbar" aria-label="Editor">
        <button
          type="button"
          className="btn btn-sm btn-ghost"
          onClick={() => store.getState().undo()}
          disabled={!canUndo}
          title="Undo (Ctrl+Z)"
          data-testid="undo"
        >
          Undo
        </button>
        <button
          type="button"
          className="btn btn-sm btn-ghost"
          onClick={() => store.getState().redo()}
          disabled={!canRedo}
          title="Redo (Ctrl+Shift+Z)"
          data-testid="redo"
        >
          Redo
        </button>
        <span className="editor-toolbar__divider" />
        <button
          type="button"
          className="btn btn-sm btn-ghost"
          onClick={() => void autoLayout()}
          disabled={layingOut}
          data-testid="auto-layout"
        >
          {layingOut ? 'Arranging…' : 'Auto-layout'}
        </button>
        <button type="button" className="btn btn-sm btn-ghost" onClick={fit} data-testid="fit-view">
          Fit view
        </button>
        <span className="editor-toolbar__divider" />
        <button
          type="button"
          className="btn btn-sm btn-ghost"
          aria-pressed={!panels.collapsed.palette}
          onClick={() => panels.toggle('palette')}
          data-testid="toggle-palette"
        >
          Palette
        </button>
        {runPanel ? (
          <button
            type="button"
            className="btn btn-sm btn-ghost"
            aria-pressed={!panels.collapsed.bottom}
            onClick={() => panels.toggle('bottom')}
            data-testid="toggle-run-panel"
          >
            Run panel
          </button>
        ) : null}
        <div className="editor-toolbar__page">{toolbar}</div>
      </div>
      <div className="editor-body">
        <WorkbenchPanels
          paletteRef={panels.paletteRef}
          bottomRef={panels.bottomRef}
          onCollapsedChange={panels.onCollapsedChange}
          palette={
            <aside className="editor-left">
              <Palette onAdd={addAtCentre} />
              <ProblemsPanel onReveal={reveal} />
            </aside>
          }
          canvas={
            <div className="editor-canvas" ref={canvasRef} data-view-settled={viewSettled || undefined}>
              <Canvas onRefused={onRefused} onChooseKind={onChooseKind} onReady={fitFirst} onContextMenu={openMenu} />
              {menu ? (
                <Suspense fallback={null}>
                  <CanvasMenu
                    store={store}
                    menu={menu}
                    actions={{ onNotice: noteAtTop, onShortcuts: () => setShortcuts(true), onFitView: fit }}
                    onClose={closeMenu}
                  />
                </Suspense>
              ) : null}
              {shortcuts ? (
                <Suspense fallback={null}>
                  <ShortcutsDialog onClose={() => setShortcuts(false)} />
                </Suspense>
              ) : null}
              {notice ? (
                <div className="canvas-notice" role="alert" style={{ left: notice.x, top: notice.y }}>
                  {notice.text}
                </div>
              ) : null}
              {choice ? (
                <ConnectKindMenu
                  choice={choice}
                  onPick={(kind) => {
                    const result = store.getState().connect({ source: choice.source, target: choice.target, kind });
                    if (result.status === 'refused') showNotice(result.reason, { x: choice.x, y: choice.y });
                    setChoice(null);
                  }}
                  onClose={() => setChoice(null)}
                />
              ) : null}
            </div>
          }
          bottom={
            runPanel ? (
              <div className="editor-run-panel">
                <RunDockProvider value={panels.dock}>{runPanel}</RunDockProvider>
              </div>
            ) : undefined
          }
          inspector={
            selected ? (
              <aside className="editor-right">
                <Suspense fallback={null}>
                  <Inspector />
                </Suspense>
              </aside>
            ) : null
          }
        />
      </div>
    </div>
  );
}
