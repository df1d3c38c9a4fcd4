// The escalation dialog: a handoff below its contract's confidence, or a tool call (ToolCallEscalation.tsx), waits
// here for a person to approve, edit or reject.
import { useState } from 'react';
import { Dialog } from '../ui/Dialog';
import { useDecideEscalation } from './api';
import { formatJson } from './format';
import { checkEditedPayload, checkJsonText } from './json-check';
import { ErrorBox } from './RunControls';
import { ToolCallFacts, toolCallWording } from './ToolCallEscalation';
import type { EscalationView } from './view-shapes';

export interface EscalationDialogProps {
  runId: string;
  escalation: EscalationView;
  /** The canvas names of the edge's ends, when known (for a tool call, both are the calling agent). */
  sourceName: string;
  targetName: string;
  onClose(): void;
}

export function EscalationDialog({ runId, escalation, sourceName, targetName, onClose }: EscalationDialogProps) {
  const decide = useDecideEscalation(runId);
  const [editing, setEditing] = useState(false);
  const toolCall = escalation.subject?.kind === 'tool_call' ? escalation.subject : undefined;
  const wording = toolCall ? toolCallWording(toolCall) : undefined;
  const [text, setText] = useState(() => wording?.editStart ?? JSON.stringify(escalation.payload, null, 2));
  const [note, setNote] = useState('');
  const [problems, setProblems] = useState<string[]>([]);
  const { contract } = escalation;

  const send = (decision: 'approve' | 'edit' | 'reject') => {
    const trimmed = note.trim() === '' ? {} : { note: note.trim() };
    if (decision !== 'edit') {
      decide.mutate({ escalationId: escalation.escalationId, body: { decision, ...trimmed } });
      return;
    }
    const check = wording
      ? checkJsonText(text, wording.editSchema, 'tool\u2019s input schema')
      : checkEditedPayload(contract, text);
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
      title={wording?.title ?? 'A handoff needs your decision'}
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
            {wording?.reject ?? 'Reject'}
          </button>
          {editing ? (
            <button
              type="button"
              className="btn btn-primary"
              data-testid="escalation-send-edit"
              disabled={decide.isPending}
              onClick={() => send('edit')}
            >
              {wording?.sendEdit ?? 'Send edit'}
            </button>
          ) : (
            <>
              <button type="button" className="btn" data-testid="escalation-edit" onClick={() => setEditing(true)}>
                {wording?.edit ?? 'Edit'}
              </button>
              <button
                type="button"
                className="btn btn-primary"
                data-testid="escalation-approve"
                disabled={decide.isPending}
                onClick={() => send('approve')}
              >
                {wording?.approve ?? 'Approve'}
              </button>
            </>
          )}
        </>
      }
    >
      <p className="dialog-text" data-testid="escalation-reason">
        {escalation.reason}
      </p>
      {toolCall ? (
        <ToolCallFacts subject={toolCall} agentName={sourceName} />
      ) : (
        <dl className="trace-facts">
          <dt>Handoff</dt>
          <dd data-testid="escalation-handoff">
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
      )}
      {editing ? (
        <div className="field">
          <label className="field-label" htmlFor="escalation-payload">
            {wording?.editLabel ?? 'Payload (checked against the contract before it is sent)'}
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
      ) : toolCall ? null : (
        <details className="trace-block" open>
          <summary>Payload</summary>
          <pre className="trace-pre" data-testid="escalation-payload">
            {formatJson(escalation.payload)}
          </pre>
        </details>
      )}
      {toolCall ? null : (
        <details className="trace-block">
          <summary>Contract schema</summary>
          <pre className="trace-pre">{JSON.stringify(contract.schema, null, 2)}</pre>
        </details>
      )}
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
