// What the run panel says when it shows no run: that a run of this graph waits for a decision (and opens it), or how
// to start one.
import { useWaitingEscalations } from '../api/escalations';

export function WaitingRunHint({ graphId, onOpen }: { graphId: string; onOpen(runId: string): void }) {
  const { data } = useWaitingEscalations();
  const waiting = data?.find((escalation) => escalation.graphId === graphId);
  if (!waiting) return <p className="subtle run-hint">Enter a goal and press Run to watch the agents work.</p>;
  return (
    <div className="run-escalation-banner" role="status" data-testid="waiting-run-hint">
      <span>
        A run of this graph is waiting for your decision on the handoff {waiting.sourceName} → {waiting.targetName}.
      </span>
      <button
        type="button"
        className="btn btn-sm btn-primary"
        data-testid="waiting-run-open"
        onClick={() => onOpen(waiting.runId)}
      >
        Open the run
      </button>
    </div>
  );
}
