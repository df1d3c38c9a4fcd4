// Version history: the graph's immutable versions, newest first; restoring one puts it into the draft as one
// undoable change (the server's versions are never touched).
import { useState } from 'react';
import { errorMessage } from '../api/client';
import { graphApi, useVersions } from '../api/graphs';
import type { DocumentStore } from '../editor/document-store';
import { Dialog } from '../ui/Dialog';
import { formatDateTime, formatRelativeTime } from '../ui/format';
import { useNow } from '../ui/use-now';

export interface VersionsDialogProps {
  open: boolean;
  graphId: string;
  store: DocumentStore;
  onClose(): void;
  onRestored(version: number): void;
}

export function VersionsDialog({ open, graphId, store, onClose, onRestored }: VersionsDialogProps) {
  const versions = useVersions(graphId, open);
  const now = useNow();
  const [restoring, setRestoring] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function restore(version: number) {
    setRestoring(version);
    setError(null);
    try {
      const record = await graphApi.version(graphId, version);
      // The version's document, under this graph's current identity and name (a rename is not a design change).
      const current = store.getState().document;
      store.getState().replaceDocument({ ...record.document, id: current.id, name: current.name });
      onRestored(version);
      onClose();
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setRestoring(null);
    }
  }

  const items = [...(versions.data ?? [])].sort((a, b) => b.version - a.version);
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="Version history"
      wide
      testId="versions-dialog"
      actions={
        <button type="button" className="btn" onClick={onClose}>
          Close
        </button>
      }
    >
      <p className="dialog-text">
        Versions never change. Restoring one replaces the draft with it; you can undo that with Ctrl+Z.
      </p>
      {error && <p className="field-error">{error}</p>}
      {versions.isPending ? (
        <p className="muted">Loading versions…</p>
      ) : versions.isError ? (
        <p className="field-error">{errorMessage(versions.error)}</p>
      ) : items.length === 0 ? (
        <p className="muted" data-testid="versions-empty">
          No versions yet. “Save version” keeps the current draft as one; every run from a changed draft makes one too.
        </p>
      ) : (
        <ul className="version-list" data-testid="version-list">
          {items.map((item) => (
            <li key={item.version} className="version-row" data-testid={`version-${item.version}`}>
              <span className="version-number">v{item.version}</span>
              <span className="version-main">
                <span className="version-label">
                  {item.label || (item.reason === 'run' ? 'Made by a run' : 'Untitled')}
                </span>
                <span className="subtle" title={formatDateTime(item.createdAt)}>
                  {formatRelativeTime(item.createdAt, now)} · {item.reason === 'run' ? 'run' : 'saved'}
                </span>
              </span>
              <button
                type="button"
                className="btn btn-sm"
                disabled={restoring !== null}
                onClick={() => void restore(item.version)}
              >
                {restoring === item.version ? 'Restoring…' : 'Restore'}
              </button>
            </li>
          ))}
        </ul>
      )}
    </Dialog>
  );
}
