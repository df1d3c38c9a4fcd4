// The goal box, the optional JSON input, and the Run / Cancel buttons of the run panel.
import { type JsonSchemaObject, type JsonValue, StartRunBody } from '@baton/contracts';
import { useEffect, useId, useRef, useState } from 'react';
import { ApiError, errorMessage } from '../api/client';
import { useDocument } from '../editor/document-context';
import type { DocumentState } from '../editor/document-store';
import { lazyModule, useLazyModule } from '../ui/lazy-module';
import { useCancelRun, useStartRun } from './api';
import { readGoalDraft, writeGoalDraft } from './goal-draft';

/** "Run again with this goal": a past run's goal and input, put in the boxes and run. A new object each time. */
export interface RunAgainRequest {
  goal: string;
  input: JsonValue | undefined;
}

export interface RunControlsProps {
  graphId: string;
  hasProblems: boolean;
  /** The run on display while it is still going: Cancel applies to it. */
  liveRunId: string | null;
  onStarted(runId: string): void;
  /** Awaited before the run is started (the editor saves its draft). */
  beforeRun?(): Promise<void>;
  runAgain?: RunAgainRequest | null;
}

type ParsedInput = { ok: true; value: JsonValue | undefined } | { ok: false; problems: string[] };

// The input's check compiles the input node's schema with Ajv: its chunk loads when the input box opens, not with
// the run panel, which every editor shows at once.
const jsonCheck = lazyModule(() => import('./json-check'));

/** Empty means no input; otherwise JSON, checked against the input node's schema when it has one. */
function parseInput(
  text: string,
  schema: JsonSchemaObject | undefined,
  check: typeof import('./json-check') | undefined,
): ParsedInput {
  if (text.trim() === '') return { ok: true, value: undefined };
  // Only while the check's chunk loads, just after the box opened; Run waits for it.
  if (!check) return { ok: false, problems: ['Checking the input…'] };
  return check.checkJsonText(text, schema, "input node's schema");
}

const selectInputSchema = (state: DocumentState): JsonSchemaObject | undefined => {
  const input = state.document.nodes.find((node) => node.kind === 'input');
  return input?.kind === 'input' ? input.data.inputSchema : undefined;
};

export function RunControls({ graphId, hasProblems, liveRunId, onStarted, beforeRun, runAgain }: RunControlsProps) {
  const [goal, setGoalState] = useState(() => readGoalDraft(graphId));
  const [withInput, setWithInput] = useState(false);
  const [inputText, setInputText] = useState('');
  const setGoal = (next: string) => {
    setGoalState(next);
    writeGoalDraft(graphId, next);
  };
  const start = useStartRun(graphId);
  const cancel = useCancelRun();
  const goalId = useId();
  const inputId = useId();

  const inputSchema = useDocument(selectInputSchema);
  const check = useLazyModule(jsonCheck, withInput);
  const input = withInput ? parseInput(inputText, inputSchema, check) : ({ ok: true, value: undefined } as const);
  const body = StartRunBody.safeParse({
    goal,
    ...(input.ok && input.value !== undefined ? { input: input.value } : {}),
  });
  const canRun = !hasProblems && input.ok && body.success && !start.isPending;

  const [saving, setSaving] = useState(false);
  const run = async (data: StartRunBody) => {
    setSaving(true);
    try {
      await beforeRun?.();
    } finally {
      setSaving(false);
    }
    start.mutate(data, { onSuccess: (response) => onStarted(response.runId) });
  };
  const submit = async () => {
    if (!body.success || !canRun || saving) return;
    await run(body.data);
  };

  // The past run's goal and input go into the boxes (so the person sees what runs) and run as they were.
  const handled = useRef<RunAgainRequest | null>(null);
  useEffect(() => {
    if (!runAgain || handled.current === runAgain) return;
    handled.current = runAgain;
    setGoalState(runAgain.goal);
    writeGoalDraft(graphId, runAgain.goal);
    setWithInput(runAgain.input !== undefined);
    setInputText(runAgain.input === undefined ? '' : JSON.stringify(runAgain.input, null, 2));
    const again = StartRunBody.safeParse({
      goal: runAgain.goal,
      ...(runAgain.input !== undefined ? { input: runAgain.input } : {}),
    });
    // A second click while the first run is being started only fills the boxes again.
    if (again.success && !hasProblems && !saving && !start.isPending) void run(again.data);
  });

  return (
    <form
      className="run-controls"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <div className="field">
        <label className="field-label" htmlFor={goalId}>
          Goal
        </label>
        <textarea
          id={goalId}
          className="textarea run-goal"
          data-testid="run-goal"
          rows={2}
          placeholder="What should the agents do?"
          value={goal}
          onChange={(event) => setGoal(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && (event.metaKey || event.ctrlKey)) void submit();
          }}
        />
      </div>
      <label className="run-input-toggle">
        <input type="checkbox" checked={withInput} onChange={(event) => setWithInput(event.target.checked)} /> JSON
        input
      </label>
      {withInput && (
        <div className="field">
          <label className="field-label visually-hidden" htmlFor={inputId}>
            JSON input
          </label>
          <textarea
            id={inputId}
            className="textarea run-json"
            data-testid="run-input"
            rows={4}
            spellCheck={false}
            placeholder='{ "topic": "…" }'
            aria-invalid={!input.ok}
            value={inputText}
            onChange={(event) => setInputText(event.target.value)}
          />
          {inputSchema && <p className="field-hint">Checked against the input node's schema.</p>}
          {!input.ok && (
            <ul className="field-error run-input-problems" data-testid="run-input-problems">
              {input.problems.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      <div className="run-buttons">
        <button type="submit" className="btn btn-primary" data-testid="run-start" disabled={!canRun}>
          {saving ? 'Saving…' : start.isPending ? 'Starting…' : 'Run'}
        </button>
        {liveRunId && (
          <button
            type="button"
            className="btn btn-danger"
            data-testid="run-cancel"
            disabled={cancel.isPending}
            onClick={() => cancel.mutate(liveRunId)}
          >
            Cancel
          </button>
        )}
        {hasProblems && <span className="field-hint">Fix the graph's problems to run it.</span>}
      </div>
      {start.error && <ErrorBox error={start.error} />}
      {cancel.error && <ErrorBox error={cancel.error} />}
    </form>
  );
}

export function ErrorBox({ error }: { error: unknown }) {
  const issues = error instanceof ApiError ? error.issues : [];
  return (
    <div className="run-error" role="alert">
      <p>{errorMessage(error)}</p>
      {issues.length > 0 && (
        <ul className="issue-list">
          {issues.map((issue) => (
            <li key={`${issue.path}:${issue.message}`}>
              <span className="issue-path">{issue.path}</span> {issue.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
