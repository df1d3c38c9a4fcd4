// Past runs of a graph: status, goal, duration, tokens and cost; opening one replays its trace from stored events.

import { spendCalls } from '@baton/contracts';
import { errorMessage } from '../api/client';
import { badgeClass, formatRelativeTime, runStatusBadge } from '../ui/format';
import { useGraphRuns, usePrices } from './api';
import { costText } from './cost';
import { formatDuration, formatTokens } from './format';

export interface RunHistoryProps {
  graphId: string;
  currentRunId: string | null;
  onOpen(runId: string): void;
}

export function RunHistory({ graphId, currentRunId, onOpen }: RunHistoryProps) {
  const runs = useGraphRuns(graphId);
  const prices = usePrices().data;
  if (runs.isPending) return <p className="subtle">Loading runs…</p>;
  if (runs.isError) return <p className="field-error">{errorMessage(runs.error)}</p>;
  if (runs.data.length === 0) return <p className="subtle">No runs yet.</p>;
  const now = Date.now();
  return (
    <ul className="run-history" data-testid="run-history">
      {runs.data.map((run) => {
        const badge = runStatusBadge(run.status);
        const duration = run.startedAt !== null && run.endedAt !== null ? run.endedAt - run.startedAt : null;
        const cost = costText(spendCalls(run.spend), prices, run.spend.simulated);
        return (
          <li key={run.id}>
            <button
              type="button"
              className={`run-history-item${run.id === currentRunId ? ' current' : ''}`}
              data-testid="run-history-item"
              data-run-id={run.id}
              onClick={() => onOpen(run.id)}
            >
              <span className="run-history-top">
                <span className={badgeClass(badge.tone)}>{badge.label}</span>
                <span className="subtle">
                  {formatRelativeTime(run.createdAt, now)} · v{run.graphVersion}
                </span>
              </span>
              <span className="run-history-goal">{run.goal}</span>
              <span className="subtle">
                {formatDuration(duration)} · {formatTokens(run.usage.totalTokens)} tokens ·{' '}
                {cost && (
                  <>
                    <span data-testid="run-history-cost" title={cost.title}>
                      {cost.text}
                    </span>{' '}
                    ·{' '}
                  </>
                )}
                {run.eventCount} events
              </span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
