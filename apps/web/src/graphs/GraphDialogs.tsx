// The graphs page's dialogs: name a new graph, rename one, and confirm a delete.
import { type FormEvent, useEffect, useState } from 'react';
import { errorMessage } from '../api/client';
import { Dialog } from '../ui/Dialog';

export interface NameDialogProps {
  open: boolean;
  title: string;
  submitLabel: string;
  initialName?: string;
  busy: boolean;
  error: unknown;
  onSubmit(name: string): void;
  onClose(): void;
}

/** Asks for a graph name: used for "New graph" and "Rename". */
export function NameDialog({
  open,
  title,
  submitLabel,
  initialName = '',
  busy,
  error,
  onSubmit,
  onClose,
}: NameDialogProps) {
  const [name, setName] = useState(initialName);
  useEffect(() => {
    if (open) setName(initialName);
  }, [open, initialName]);
  const trimmed = name.trim();

  function submit(event: FormEvent) {
    event.preventDefault();
    if (trimmed) onSubmit(trimmed);
  }

  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={title}
      testId="name-dialog"
      actions={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="name-dialog-form" className="btn btn-primary" disabled={busy || !trimmed}>
            {busy ? 'Working…' : submitLabel}
          </button>
        </>
      }
    >
      <form id="name-dialog-form" onSubmit={submit} className="field">
        <label className="field-label" htmlFor="graph-name-input">
          Name
        </label>
        <input
          id="graph-name-input"
          className="input"
          value={name}
          maxLength={200}
          autoFocus
          placeholder="Research and write"
          onChange={(event) => setName(event.target.value)}
        />
        {error ? <p className="field-error">{errorMessage(error)}</p> : null}
      </form>
    </Dialog>
  );
}

export interface ConfirmDeleteDialogProps {
  graphName: string | null;
  busy: boolean;
  error: unknown;
  onConfirm(): void;
  onClose(): void;
}

export function ConfirmDeleteDialog({ graphName, busy, error, onConfirm, onClose }: ConfirmDeleteDialogProps) {
  return (
    <Dialog
      open={graphName !== null}
      onClose={onClose}
      title="Delete this graph?"
      testId="confirm-delete"
      actions={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="btn btn-danger" disabled={busy} onClick={onConfirm}>
            {busy ? 'Deleting…' : 'Delete graph'}
          </button>
        </>
      }
    >
      <p className="dialog-text">
        <strong>{graphName}</strong>, its versions and its runs will be deleted for good. Export it first if you may
        want it back.
      </p>
      {error ? <p className="field-error">{errorMessage(error)}</p> : null}
    </Dialog>
  );
}
