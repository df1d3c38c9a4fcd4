// "Save as test case" on a finished run: the server drafts the case from the run (assertions prefilled from what
// it did), the person edits the name and the assertions, and the case is saved in the graph (no graph version).
import { RunStatus, type TestCase } from '@baton/contracts';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorBox } from '../run/RunControls';
import { Dialog } from '../ui/Dialog';
import { testApi, testKeys, useSaveTestCase } from './api';
import { type AssertionForm, fromForm, toForm } from './assertion-form';
import './tests.css';

export function SaveAsTestCase({ graphId, runId }: { graphId: string; runId: string }) {
  const [open, setOpen] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  return (
    <>
      <button
        type="button"
        className="btn btn-ghost btn-sm"
        data-testid="run-save-case"
        onClick={() => {
          setSaved(null);
          setOpen(true);
        }}
      >
        Save as test case
      </button>
      {saved && (
        <span className="subtle" role="status" data-testid="run-case-saved">
          Saved “{saved}” in Tests.
        </span>
      )}
      {open && (
        <SaveCaseDialog
          graphId={graphId}
          runId={runId}
          onClose={() => setOpen(false)}
          onSaved={(name) => {
            setSaved(name);
            setOpen(false);
          }}
        />
      )}
    </>
  );
}

function SaveCaseDialog(props: { graphId: string; runId: string; onClose(): void; onSaved(name: string): void }) {
  const draft = useQuery({ queryKey: testKeys.draft(props.runId), queryFn: () => testApi.draftFromRun(props.runId) });
  return (
    <Dialog open wide title="Save as test case" testId="save-case-dialog" onClose={props.onClose}>
      {draft.isPending && <p className="subtle">Reading the run…</p>}
      {draft.error && <ErrorBox error={draft.error} />}
      {draft.data && <CaseForm {...props} draft={draft.data} />}
    </Dialog>
  );
}

function CaseForm({
  graphId,
  draft,
  onClose,
  onSaved,
}: {
  graphId: string;
  draft: TestCase;
  onClose(): void;
  onSaved(name: string): void;
}) {
  const save = useSaveTestCase(graphId);
  const [name, setName] = useState(draft.name);
  const [form, setForm] = useState<AssertionForm>(() => toForm(draft.assertions));
  const [problems, setProblems] = useState<string[]>([]);
  const set = <K extends keyof AssertionForm>(key: K, value: AssertionForm[K]) => setForm({ ...form, [key]: value });

  const submit = () => {
    const check = fromForm(form);
    if (!check.ok) return setProblems(check.problems);
    if (!name.trim()) return setProblems(['A test case needs a name.']);
    setProblems([]);
    const document = { ...draft, name: name.trim(), assertions: check.assertions };
    save.mutate(document, { onSuccess: () => onSaved(document.name) });
  };

  return (
    <form
      className="case-form"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <p className="subtle">
        {draft.steps.length} recorded model calls. Replayed offline, each is answered from this recording while its
        inputs are unchanged.
      </p>
      <label>
        Name
        <input data-testid="case-name" value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />
      </label>
      <fieldset>
        <legend>What must hold</legend>
        <label>
          Final status
          <select
            data-testid="case-status"
            value={form.status}
            onChange={(e) => set('status', e.target.value as AssertionForm['status'])}
          >
            <option value="">(any)</option>
            {RunStatus.options.map((status) => (
              <option key={status} value={status}>
                {status}
              </option>
            ))}
          </select>
        </label>
        <label>
          The result contains (one text per line)
          <textarea
            data-testid="case-contains"
            rows={2}
            value={form.contains}
            onChange={(e) => set('contains', e.target.value)}
          />
        </label>
        <label>
          The result matches this JSON Schema
          <textarea
            data-testid="case-schema"
            rows={3}
            value={form.schema}
            onChange={(e) => set('schema', e.target.value)}
          />
        </label>
        <label>
          Routes taken (one “router -&gt; category” per line)
          <textarea
            data-testid="case-routes"
            rows={2}
            value={form.routes}
            onChange={(e) => set('routes', e.target.value)}
          />
        </label>
        <label className="case-check">
          <input
            type="checkbox"
            data-testid="case-no-escalation"
            checked={form.noEscalation}
            onChange={(e) => set('noEscalation', e.target.checked)}
          />
          No handoff escalates to a person
        </label>
        <div className="case-budget">
          <label>
            At most model calls
            <input
              inputMode="numeric"
              value={form.maxModelCalls}
              onChange={(e) => set('maxModelCalls', e.target.value)}
            />
          </label>
          <label>
            At most tokens
            <input inputMode="numeric" value={form.maxTokens} onChange={(e) => set('maxTokens', e.target.value)} />
          </label>
        </div>
      </fieldset>
      {problems.length > 0 && (
        <ul className="run-error" role="alert">
          {problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      )}
      {save.error && <ErrorBox error={save.error} />}
      <div className="case-actions">
        <button type="button" className="btn btn-ghost" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className="btn btn-primary" data-testid="case-save" disabled={save.isPending}>
          Save test case
        </button>
      </div>
    </form>
  );
}
