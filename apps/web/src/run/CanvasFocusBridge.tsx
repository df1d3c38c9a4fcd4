// Keeps the canvas and the run view in step: a clicked node filters the trace, a chosen action selects its node,
// and the run view knows the canvas's edges.
import { useEffect } from 'react';
import { useDocumentStore } from '../editor/document-context';
import { useRunSession } from './run-session';
import { focusNode, NO_TRACE_FOCUS } from './trace-focus';

export function CanvasFocusBridge() {
  // The run panel always sits inside the editor, under its document provider.
  const documentStore = useDocumentStore();
  const { focus, overlay } = useRunSession();

  useEffect(() => {
    // The node the trace itself selected: its selection change must not turn into a trace filter.
    let selectedByTrace: string | null = null;

    const offCanvas = documentStore.subscribe((state, previous) => {
      if (state.selection === previous.selection) return;
      const nodes = [...state.selection.nodes];
      const only = nodes.length === 1 && state.selection.edges.size === 0 ? (nodes[0] as string) : null;
      if (only !== null && only === selectedByTrace) return;
      selectedByTrace = null;
      if (only !== null) focusNode(focus, only);
      else if (nodes.length === 0 && state.selection.edges.size === 0) focusNode(focus, null);
    });

    const offTrace = focus.subscribe((focus, previous) => {
      if (focus.actionNodeId === previous.actionNodeId || focus.actionNodeId === null) return;
      const { selection } = documentStore.getState();
      if (selection.nodes.size === 1 && selection.nodes.has(focus.actionNodeId)) return;
      if (!documentStore.getState().document.nodes.some((node) => node.id === focus.actionNodeId)) return;
      selectedByTrace = focus.actionNodeId;
      documentStore.getState().setSelection([focus.actionNodeId], []);
    });

    // The run view learns the canvas's edges, to light up dispatch and route edges as their targets work.
    overlay.setEdges(documentStore.getState().document.edges);
    const offEdges = documentStore.subscribe((state, previous) => {
      if (state.document.edges !== previous.document.edges) overlay.setEdges(state.document.edges);
    });

    return () => {
      offCanvas();
      offTrace();
      offEdges();
      overlay.setEdges([]);
      focus.setState(NO_TRACE_FOCUS);
    };
  }, [documentStore, focus, overlay]);

  return null;
}
