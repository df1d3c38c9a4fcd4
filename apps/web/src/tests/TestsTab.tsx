// The Tests tab of a graph: its test cases, each run against the current draft (offline by default) with its
// verdict and the diff per step. The draft is flushed first, so an edit made just before is what gets tested.
import type { TestCaseResult, TestCaseSummary } from '@baton/contracts';
import { useState } from 'react';
import { ErrorBox } from '../run/RunControls';
import { caseExportUrl, testApi, useDeleteTestCase, useTestCases } from './api';
import { CaseResultView, VerdictBadge } from './CaseResultView';
import './tests.css';

type Outcome = { result: TestCaseResult } | { error: unknown } | 'running';

export function TestsTab({ graphId, beforeRun }: { graphId: string; beforeRun?(): Promise<void> }) {
  const cases = useTestCases(graphId);
  const remove = useDeleteTestCase(graphId);
  const [live, setLive] = useState(false);
  const [outcomes, setOutcomes] = useState<Record<string, Outcome>>({});

  const runCases = async (targets: readonly TestCaseSummary[]) => {
    await beforeRun?.();
    for (const testCase of targets) {
      setOutcomes((previous) => ({ ...previous, [testCase.id]: 'running' }));
      try {
        const result = await testApi.run(graphId, testCase.id, live);
        setOutcomes((previous) => ({ ...previous, [testCase.id]: { result } }));
      } catch (error) {
        setOutcomes((previous) => ({ ...previous, [testCase.id]: { error } }));
      }
    }
  };

  if (cases.isPending) return <p className="subtle run-hint">Loading the test cases…</p>;
  if (cases.error) return <ErrorBox error={cases.error} />;
  if (cases.data.length === 0) {
    return (
      <p className="subtle run-hint" data-testid="tests-empty">
        No test cases yet. Open a finished run and choose “Save as test case”.
      </p>
    );
  }
  return (
    <div className="tests-tab" data-testid="tests-tab">
      <div className="tests-bar">
        <button
          type="button"
          className="btn btn-sm btn-primary"
          data-testid="tests-run-all"
          onClick={() => void runCases(cases.data)}
        >
          Run all
        </button>
        <label className="case-check" title="Call the configured provider for the steps whose inputs changed">
          <input type="checkbox" data-testid="tests-live" checked={live} onChange={(e) => setLive(e.target.checked)} />
          Live
        </label>
      </div>
      <ul className="tests-list">
        {cases.data.map((testCase) => {
          const outcome = outcomes[testCase.id];
          return (
            <li key={testCase.id} className="tests-case" data-testid="test-case" data-case-name={testCase.name}>
              <div className="tests-case-head">
                <strong>{testCase.name}</strong>
                <span className="subtle">{testCase.stepCount} steps</span>
                {outcome === 'running' && <span className="badge">running…</span>}
                {outcome && outcome !== 'running' && 'result' in outcome && <VerdictBadge result={outcome.result} />}
                <span className="tests-case-actions">
                  <button
                    type="button"
                    className="btn btn-sm"
                    data-testid="test-case-run"
                    onClick={() => void runCases([testCase])}
                  >
                    Run
                  </button>
                  <a className="btn btn-ghost btn-sm" href={caseExportUrl(graphId, testCase.id)} download>
                    Export
                  </a>
                  <button
                    type="button"
                    className="btn btn-ghost btn-sm"
                    data-testid="test-case-delete"
                    onClick={() => remove.mutate(testCase.id)}
                  >
                    Delete
                  </button>
                </span>
              </div>
              {outcome && outcome !== 'running' && 'result' in outcome && <CaseResultView result={outcome.result} />}
              {outcome && outcome !== 'running' && 'error' in outcome && <ErrorBox error={outcome.error} />}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
