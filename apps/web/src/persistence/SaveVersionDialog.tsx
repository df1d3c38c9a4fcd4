// "Save version": names the current draft and keeps it as an immutable version (after saving the draft).
import { type FormEvent, useEffect, useState } from 'react';
import { errorMessage } from '../api/client';
import { useSaveVersion } from '../api/graphs';
import { Dialog } from '../ui/Dialog';
import type { Autosave } from './autosave';

export interface SaveVersionDialogProps {
  open: boolean;
  graphId: string;
  autosave: Autosave;
  onClose(): void;
  onSaved(version: number): void;
}

export function SaveVersionDialog({ open, graphId, autosave, onClose, onSaved }: SaveVersionDialogProps) {
  const [label, setLabel] = useState('');
  const [error, setError] = useState<string | null>(null);
  const save = useSaveVersion(graphId);

  useEffect(() => {
    if (open) {
      setLabel('');
      setError(null);
    }
  }, [open]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      // A version is made from the server's draft, so the draft must hold every edit first.
      await autosave.flush();
      if (autosave.getState().status !== 'saved') {
        setError(autosave.getState().error ?? 'The draft could not be saved, so no version was made.');
        return;
      }
      const summary = await save.mutateAsync(label.trim() ? { label: label.trim() } : {});
      onSaved(summary.version);
      onClose();
    } catch (caught) {
      setError(errorMessage(caught));
    }
  }

  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="Save version"
      testId="save-version-dialog"
      actions={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="save-version-form" className="btn btn-primary" disabled={save.isPending}>
            {save.isPending ? 'Saving…' : 'Save version'}
          </button>
        </>
      }
    >
      <form id="save-version-form" className="field" onSubmit={submit}>
        <label className="field-label" htmlFor="version-label-input">
          Label (optional)
        </label>
        <input
          id="version-label-input"
          className="input"
          value={label}
          maxLength={200}
          placeholder="Before adding the reviewer"
          onChange={(event) => setLabel(event.target.value)}
        />
        <span className="field-hint">A version never changes. Runs record the version they ran.</span>
        {error && <p className="field-error">{error}</p>}
      </form>
    </Dialog>
  );
}
