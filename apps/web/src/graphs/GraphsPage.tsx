// The graphs page: every graph with its last save and last run; create, open, rename, duplicate, delete, import.
import type { GraphSummary } from '@baton/contracts';
import { useCallback, useState } from 'react';
import { errorMessage } from '../api/client';
import { useCreateGraph, useDeleteGraph, useDuplicateGraph, useGraphs, useRenameGraph } from '../api/graphs';
import { AppHeader } from '../app/AppHeader';
import { graphPath, navigate } from '../app/router';
import { FileDropZone } from '../persistence/FileDropZone';
import { FilePickerButton } from '../persistence/FilePickerButton';
import { useGraphImport } from '../persistence/use-graph-import';
import { useNow } from '../ui/use-now';
import { ConfirmDeleteDialog, NameDialog } from './GraphDialogs';
import { GraphRow } from './GraphRow';
import './graphs.css';

export function GraphsPage() {
  const graphs = useGraphs();
  const now = useNow();
  const create = useCreateGraph();
  const rename = useRenameGraph();
  const duplicate = useDuplicateGraph();
  const remove = useDeleteGraph();
  const { importFile, importing, dialog: importDialog } = useGraphImport();

  const [creating, setCreating] = useState(false);
  const [renaming, setRenaming] = useState<GraphSummary | null>(null);
  const [deleting, setDeleting] = useState<GraphSummary | null>(null);

  const onRename = useCallback(
    (graph: GraphSummary) => {
      rename.reset();
      setRenaming(graph);
    },
    [rename.reset],
  );
  const onDelete = useCallback(
    (graph: GraphSummary) => {
      remove.reset();
      setDeleting(graph);
    },
    [remove.reset],
  );
  const onDuplicate = useCallback((graph: GraphSummary) => duplicate.mutate(graph.id), [duplicate.mutate]);

  const items = graphs.data ?? [];
  return (
    <FileDropZone onFile={importFile} label="Drop a Baton graph file to import it as a new graph">
      <div className="page">
        <AppHeader />
        <main className="graphs-main">
          <div className="graphs-head">
            <div>
              <h1 className="graphs-title">Graphs</h1>
              <p className="muted graphs-subtitle">Design multi-agent systems, run them, and watch every agent work.</p>
            </div>
            <div className="graphs-head-actions">
              <FilePickerButton onFile={importFile} disabled={importing} testId="import-file-input">
                {importing ? 'Importing…' : 'Import…'}
              </FilePickerButton>
              <button
                type="button"
                className="btn btn-primary"
                onClick={() => {
                  create.reset();
                  setCreating(true);
                }}
              >
                New graph
              </button>
            </div>
          </div>

          {duplicate.error && (
            <p className="banner banner-danger">Could not duplicate: {errorMessage(duplicate.error)}</p>
          )}

          {graphs.isPending ? (
            <div className="graphs-loading">
              <span className="spinner" /> Loading graphs…
            </div>
          ) : graphs.isError ? (
            <div className="empty-state">
              <h2 className="empty-title">Could not load your graphs</h2>
              <p className="muted">{errorMessage(graphs.error)}</p>
              <button type="button" className="btn" onClick={() => graphs.refetch()}>
                Try again
              </button>
            </div>
          ) : items.length === 0 ? (
            <div className="empty-state graphs-empty" data-testid="graphs-empty">
              <h2 className="empty-title">No graphs yet</h2>
              <p className="muted">
                Create one from scratch, or import a .json graph file (you can also drop it here).
              </p>
              <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>
                New graph
              </button>
            </div>
          ) : (
            <section className="graphs-table" aria-label="Graphs">
              <div className="graph-row graph-row-header" aria-hidden="true">
                <span>Name</span>
                <span>Last saved</span>
                <span>Version</span>
                <span>Last run</span>
                <span />
              </div>
              <ul className="graph-list" data-testid="graph-list">
                {items.map((graph) => (
                  <GraphRow
                    key={graph.id}
                    graph={graph}
                    now={now}
                    onRename={onRename}
                    onDuplicate={onDuplicate}
                    onDelete={onDelete}
                  />
                ))}
              </ul>
            </section>
          )}
        </main>
      </div>

      <NameDialog
        open={creating}
        title="New graph"
        submitLabel="Create graph"
        busy={create.isPending}
        error={create.error}
        onClose={() => setCreating(false)}
        onSubmit={(name) => create.mutate({ name }, { onSuccess: (record) => navigate(graphPath(record.id)) })}
      />
      <NameDialog
        open={renaming !== null}
        title="Rename graph"
        submitLabel="Rename"
        initialName={renaming?.name}
        busy={rename.isPending}
        error={rename.error}
        onClose={() => setRenaming(null)}
        onSubmit={(name) => {
          if (renaming) rename.mutate({ id: renaming.id, name }, { onSuccess: () => setRenaming(null) });
        }}
      />
      <ConfirmDeleteDialog
        graphName={deleting?.name ?? null}
        busy={remove.isPending}
        error={remove.error}
        onClose={() => setDeleting(null)}
        onConfirm={() => {
          if (deleting) remove.mutate(deleting.id, { onSuccess: () => setDeleting(null) });
        }}
      />
      {importDialog}
    </FileDropZone>
  );
}
