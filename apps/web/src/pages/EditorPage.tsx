// The editor route: loads a graph's draft, opens it in a document store, and mounts the canvas with the page's
// header (name, save state), toolbar (versions, export), autosave, file drop import, and the run panel.
import type { GraphIssue, GraphRecord } from '@baton/contracts';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, errorMessage } from '../api/client';
import { useGraph } from '../api/graphs';
import { AppHeader } from '../app/AppHeader';
import { ChunkPage, pageChunk } from '../app/page-chunk';
import { graphsPath, navigate } from '../app/router';
import { DocumentStoreProvider } from '../editor/document-context';
import { createDocumentStore } from '../editor/document-store';
import { Editor } from '../editor/Editor';
import { FileDropZone } from '../persistence/FileDropZone';
import { ConflictBanner, SaveStatus } from '../persistence/SaveStatus';
import { useAutosave } from '../persistence/use-autosave';
import { useGraphImport } from '../persistence/use-graph-import';
import { RunSessionProvider } from '../run/run-session';
import { useIdleOnce } from '../ui/when-idle';
import { EditorToolbar } from './EditorToolbar';
import { GraphTitle } from './GraphTitle';
import './editor-page.css';

// The run panel (trace, result, history) is its own chunk: the canvas shows without waiting for it. It loads once
// the browser is first idle after the canvas's first frame (useIdleOnce): loaded with this page, its chunk and its
// first render ran in front of that frame on a busy machine. A chunk, not `lazy`, so that it shows as soon as it is
// in (app/page-chunk.tsx says why).
const runPanel = pageChunk(() => import('../run/RunPanel').then((module) => module.RunPanel));

export interface EditorPageProps {
  graphId: string;
  runId?: string;
}

export function EditorPage({ graphId, runId }: EditorPageProps) {
  const graph = useGraph(graphId);
  // A cached record may be older than the server's draft: open the graph from the fresh one.
  if (graph.isPending || (!graph.isFetchedAfterMount && !graph.isError)) {
    return (
      <div className="page">
        <AppHeader />
        <div className="loading-screen">
          <span className="spinner" /> Opening graph…
        </div>
      </div>
    );
  }
  if (graph.isError) {
    const missing = graph.error instanceof ApiError && graph.error.status === 404;
    return (
      <div className="page">
        <AppHeader />
        <main className="empty-state">
          <h1 className="empty-title">{missing ? 'This graph does not exist' : 'Could not open this graph'}</h1>
          <p className="muted">{missing ? 'It may have been deleted.' : errorMessage(graph.error)}</p>
          <button type="button" className="btn btn-primary" onClick={() => navigate(graphsPath())}>
            Go to your graphs
          </button>
        </main>
      </div>
    );
  }
  if (!graph.data) return null;
  return <OpenGraph record={graph.data} runId={runId} />;
}

/** One open graph: the store is made once from the draft as loaded; later server records only feed autosave. */
function OpenGraph({ record, runId }: { record: GraphRecord; runId: string | undefined }) {
  const [store] = useState(() => createDocumentStore(record.draft));
  const autosave = useAutosave(store, record);
  const [problems, setProblems] = useState<GraphIssue[]>([]);
  const runPanelNow = useIdleOnce();
  const [notice, setNotice] = useState<{ text: string; key: number } | null>(null);
  const canvasRef = useRef<HTMLDivElement>(null);
  const { importFile, dialog: importDialog } = useGraphImport();

  const showNotice = useCallback((text: string) => setNotice({ text, key: performance.now() }), []);
  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(null), 5000);
    return () => clearTimeout(timer);
  }, [notice]);

  useEffect(() => {
    // Ctrl/Cmd+S saves the draft now instead of opening the browser's "save page" dialog.
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.shiftKey && event.key.toLowerCase() === 's') {
        event.preventDefault();
        void autosave.flush();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [autosave]);

  useEffect(() => {
    document.title = `${record.draft.name} · Baton`;
    return () => {
      document.title = 'Baton';
    };
  }, [record.draft.name]);

  return (
    <DocumentStoreProvider store={store}>
      <div className="editor-page">
        <AppHeader>
          <span className="editor-crumb-sep" aria-hidden="true">
            /
          </span>
          <GraphTitle />
          <SaveStatus autosave={autosave} />
        </AppHeader>
        <ConflictBanner autosave={autosave} store={store} graphId={record.id} />
        <FileDropZone
          onFile={importFile}
          label="Drop a Baton graph file to import it as a new graph"
          className="editor-page-body drop-zone"
        >
          <div className="editor-page-canvas" ref={canvasRef}>
            <RunSessionProvider>
              <Editor
                toolbar={
                  <EditorToolbar graphId={record.id} autosave={autosave} canvasRef={canvasRef} onNotice={showNotice} />
                }
                runPanel={
                  runPanelNow ? (
                    <ChunkPage
                      chunk={runPanel}
                      props={{
                        graphId: record.id,
                        hasProblems: problems.length > 0,
                        ...(runId !== undefined ? { runId } : {}),
                        beforeRun: autosave.flush,
                      }}
                      loading={<div className="run-panel-loading" />}
                    />
                  ) : (
                    <div className="run-panel-loading" />
                  )
                }
                onProblemsChange={setProblems}
              />
            </RunSessionProvider>
          </div>
        </FileDropZone>
        {notice && (
          <div className="toast" role="status" key={notice.key} data-testid="toast">
            {notice.text}
          </div>
        )}
        {importDialog}
      </div>
    </DocumentStoreProvider>
  );
}
