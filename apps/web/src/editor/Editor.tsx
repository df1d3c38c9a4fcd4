// The graph editor: palette and problems, the canvas, the inspector and the run panel, around one document store.
import type { EdgeKind, GraphIssue, NodeKind } from '@baton/contracts';
import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { type ReactNode, useCallback, useRef, useState } from 'react';
import { Canvas, FIT_VIEW } from './Canvas';
import { ConnectKindMenu, type KindChoice } from './ConnectKindMenu';
import { useDocument, useDocumentStore } from './document-context';
import './editor.css';
import { Inspector } from './inspector/Inspector';
import { computeLayout } from './layout';
import { nodeSize } from './node-factory';
import { Palette } from './Palette';
import { ProblemsPanel } from './ProblemsPanel';
import { useEditorKeyboard } from './use-editor-keyboard';
import { useProblems } from './use-problems';

export interface EditorProps {
  /** Buttons of the page (save status, versions, export...), shown in the editor's toolbar. */
  toolbar?: ReactNode;
  /** The run panel, shown beside the inspector. */
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
      <EditorLayout {...props} />
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
  useEditorKeyboard(store);
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
      // Successive clicks should not stack nodes exactly on top of each other.
      const offset = (store.getState().document.nodes.length % 5) * 24;
      store.getState().addNode(kind, { x: centre.x - size.width / 2 + offset, y: centre.y - size.height / 2 + offset });
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
      setTimeout(() => void flow.fitView({ ...FIT_VIEW, duration: 300 }), 50);
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
        <button
          type="button"
          className="btn btn-sm btn-ghost"
          onClick={() => void flow.fitView({ ...FIT_VIEW, duration: 300 })}
        >
          Fit view
        </button>
        <div className="editor-toolbar__page">{toolbar}</div>
      </div>
      <div className="editor-body">
        <aside className="editor-left">
          <Palette onAdd={addAtCentre} />
          <ProblemsPanel onReveal={reveal} />
        </aside>
        <div className="editor-canvas" ref={canvasRef}>
          <Canvas onRefused={onRefused} onChooseKind={onChooseKind} />
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
        <aside className={`editor-right${runPanel ? ' has-run-panel' : ''}`}>
          <Inspector />
          {runPanel ? <div className="editor-run-panel">{runPanel}</div> : null}
        </aside>
      </div>
    </div>
  );
}
