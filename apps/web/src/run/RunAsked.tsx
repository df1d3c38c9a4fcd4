// What the shown run was asked: its goal and JSON input, read-only, and a button that runs the graph with them again.
import { isTerminalRunStatus } from '@baton/contracts';
import type { RunAgainRequest } from './RunControls';
import type { RunViewStore } from './run-view-store';
import { useRunSummary } from './view-hooks';

export function RunAsked({
  store,
  canRun,
  onRunAgain,
}: {
  store: RunViewStore;
  canRun: boolean;
  onRunAgain(request: RunAgainRequest): void;
}) {
  const { goal, input, status, runId } = useRunSummary(store);
  // Until its start event arrives, the run has nothing to show here.
  if (runId === null || status === 'queued') return null;
  return (
    <section className="run-asked" aria-label="What this run was asked" data-testid="run-asked">
      <p className="run-asked-label">Goal</p>
      <p className="run-asked-goal" data-testid="run-asked-goal">
        {goal}
      </p>
      {input !== undefined && (
        <>
          <p className="run-asked-label">Input</p>
          <pre className="run-asked-input" data-testid="run-asked-input">
            {JSON.stringify(input, null, 2)}
          </pre>
        </>
      )}
      {isTerminalRunStatus(status) && (
        <button
          type="button"
          className="btn btn-sm"
          data-testid="run-again"
          disabled={!canRun}
          title={canRun ? undefined : "Fix the graph's problems to run it."}
          onClick={() => onRunAgain({ goal, input })}
        >
          Run again with this goal
        </button>
      )}
    </section>
  );
}
