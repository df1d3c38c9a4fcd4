// The save state of the open draft (Saved / Saving… / Unsaved / Save failed), with retry and conflict choices.
import { assertNever } from '@baton/contracts';
import { useState } from 'react';
import { errorMessage } from '../api/client';
import { graphApi } from '../api/graphs';
import type { DocumentStore } from '../editor/document-store';
import { formatDateTime } from '../ui/format';
import type { Autosave, SaveStatus as Status } from './autosave';
import { useAutosaveState } from './use-autosave';

function statusView(status: Status): { label: string; tone: string } {
  switch (status) {
    case 'saved':
      return { label: 'Saved', tone: 'saved' };
    case 'saving':
      return { label: 'Saving…', tone: 'saving' };
    case 'unsaved':
      return { label: 'Unsaved', tone: 'unsaved' };
    case 'failed':
    case 'conflict':
      return { label: 'Save failed', tone: 'failed' };
    default:
      return assertNever(status, 'save status');
  }
}

export function SaveStatus({ autosave }: { autosave: Autosave }) {
  const state = useAutosaveState(autosave);
  const view = statusView(state.status);
  const title = state.error ?? (state.savedAt === null ? undefined : `Draft saved ${formatDateTime(state.savedAt)}`);
  return (
    <span className="save-status" data-state={view.tone} title={title}>
      <span className="save-status-dot" aria-hidden="true" />
      <span data-testid="save-status" role="status">
        {view.label}
      </span>
      {state.status === 'failed' && (
        <button type="button" className="btn btn-ghost btn-sm" onClick={() => void autosave.flush()}>
          Retry
        </button>
      )}
    </span>
  );
}

/**
 * Shown when the draft changed elsewhere: nothing local is lost until the person picks. "Reload theirs"
 * loads the server's draft (undoable: the local document stays in history); "Overwrite with mine" saves ours.
 */
export function ConflictBanner({
  autosave,
  store,
  graphId,
}: {
  autosave: Autosave;
  store: DocumentStore;
  graphId: string;
}) {
  const state = useAutosaveState(autosave);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (state.status !== 'conflict') return null;

  async function resolve(choice: 'theirs' | 'mine') {
    setBusy(true);
    setError(null);
    try {
      const latest = await graphApi.get(graphId);
      if (choice === 'theirs') {
        store.getState().replaceDocument(latest.draft);
        autosave.adopt(latest);
      } else {
        await autosave.overwrite(latest.draftRevision);
      }
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="conflict-banner" role="alert" data-testid="save-conflict">
      <span>
        <strong>This graph was changed somewhere else.</strong> Your edits are kept here and have not been saved.
        {error && <span className="field-error"> {error}</span>}
      </span>
      <span className="conflict-actions">
        <button type="button" className="btn btn-sm" disabled={busy} onClick={() => void resolve('theirs')}>
          Reload theirs
        </button>
        <button type="button" className="btn btn-sm btn-primary" disabled={busy} onClick={() => void resolve('mine')}>
          Overwrite with mine
        </button>
      </span>
    </div>
  );
}
