// The escalation dialog: a handoff below its contract's confidence waits here for a person to approve, edit or reject.
import { useState } from 'react';
import { Dialog } from '../ui/Dialog';
import { useDecideEscalation } from './api';
import { formatJson } from './format';
import { checkEditedPayload } from './json-check';
import { ErrorBox } from './RunControls';
import type { EscalationView } from './view-shapes';

export interface EscalationDialogProps {
  runId: string;
  escalation: EscalationView;
  /** The canvas names of the edge's ends, when known. */
  sourceName: string;
  targetName: string;
  onClose(): void;
}

export function EscalationDialog({ runId, escalation, sourceName, targetName, onClose }: EscalationDialogProps) {
  const decide = useDecideEscalation(runId);
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(() => JSON.stringify(escalation.payload, null, 2));
  const [note, setNote] = useState('');
  const [problems, setProblems] = useState<string[]>([]);
  const { contract } = escalation;

  const send = (decision: 'approve' | 'edit' | 'reject') => {
    const trimmed = note.trim() === '' ? {} : { note: note.trim() };
    if (decision !== 'edit') {
      decide.mutate({ escalationId: escalation.escalationId, body: { decision, ...trimmed } });
      return;
    }
    const check = checkEditedPayload(contract, text);
    if (!check.ok) {
      setProblems(check.problems);
      return;
    }
    setProblems([]);
    decide.mutate({ escalationId: escalation.escalationId, body: { decision, payload: check.value, ...trimmed } });
  };

  return (
    <Dialog
      open
      wide
      title="A handoff needs your decision"
      testId="escalation-dialog"
      onClose={onClose}
      actions={
        <>
          <button type="button" className="btn btn-ghost" onClick={onClose}>
            Later
          </button>
          <button
            type="button"
            className="btn btn-danger"
            data-testid="escalation-reject"
            disabled={decide.isPending}
            onClick={() => send('reject')}
          >
            Reject
          </button>
          {editing ? (
            <button
              type="button"
              className="btn btn-primary"
              data-testid="escalation-send-edit"
              disabled={decide.isPending}
              onClick={() => send('edit')}
            >
              Send edit
            </button>
          ) : (
            <>
              <button type="button" className="btn" data-testid="escalation-edit" onClick={() => setEditing(true)}>
                Edit
              </button>
              <button
                type="button"
                className="btn btn-primary"
                data-testid="escalation-approve"
                disabled={decide.isPending}
                onClick={() => send('approve')}
              >
                Approve
              </button>
            </>
          )}
        </>
      }
    >
      <p className="dialog-text" data-testid="escalation-reason">
        {escalation.reason}
      </p>
      <dl className="trace-facts">
        <dt>Handoff</dt>
        <dd>
          {sourceName} → {targetName}
        </dd>
        <dt>Contract</dt>
        <dd>{contract.name}</dd>
        <dt>Confidence</dt>
        <dd data-testid="escalation-confidence">
          {escalation.confidence === null ? 'none given' : escalation.confidence} (needs at least{' '}
          {contract.requiredConfidence})
        </dd>
      </dl>
      {editing ? (
        <div className="field">
          <label className="field-label" htmlFor="escalation-payload">
            Payload (checked against the contract before it is sent)
          </label>
          <textarea
            id="escalation-payload"
            className="textarea run-json"
            data-testid="escalation-payload-input"
            rows={10}
            spellCheck={false}
            aria-invalid={problems.length > 0}
            value={text}
            onChange={(event) => setText(event.target.value)}
          />
          {problems.length > 0 && (
            <ul className="issue-list" data-testid="escalation-problems">
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          )}
        </div>
      ) : (
        <details className="trace-block" open>
          <summary>Payload</summary>
          <pre className="trace-pre" data-testid="escalation-payload">
            {formatJson(escalation.payload)}
          </pre>
        </details>
      )}
      <details className="trace-block">
        <summary>Contract schema</summary>
        <pre className="trace-pre">{JSON.stringify(contract.schema, null, 2)}</pre>
      </details>
      <div className="field">
        <label className="field-label" htmlFor="escalation-note">
          Note (optional, kept in the audit log)
        </label>
        <input
          id="escalation-note"
          className="input"
          value={note}
          maxLength={2000}
          onChange={(event) => setNote(event.target.value)}
        />
      </div>
      {decide.error && <ErrorBox error={decide.error} />}
    </Dialog>
  );
}
