// "No worker is running": a run queued past the server's patience (BATON_NO_WORKER_AFTER_MS) while no queue worker is
// alive. Only where runs go to queue workers (health then carries `queue`); one process executes its own runs.
import type { QueueHealth } from '@baton/contracts';
import { useQuery } from '@tanstack/react-query';
import { graphApi } from '../api/graphs';
import { runApi, runKeys } from './api';
import type { RunViewStore } from './run-view-store';
import { useRunSummary } from './view-hooks';

/** Compared on the server's clock (`queue.now`), so that a browser whose clock is off says the same. */
export function noWorkerFor(queue: QueueHealth | undefined, createdAt: number): boolean {
  return queue !== undefined && queue.liveWorkers === 0 && queue.now - createdAt >= queue.noWorkerAfterMs;
}

export function NoWorkerNotice({ runId, store }: { runId: string; store: RunViewStore }) {
  const queued = useRunSummary(store).status === 'queued';
  const run = useQuery({ queryKey: runKeys.run(runId), queryFn: () => runApi.get(runId), enabled: queued });
  const health = useQuery({
    queryKey: ['health', 'queue'],
    queryFn: graphApi.health,
    enabled: queued && run.data !== undefined,
    refetchInterval: 2000,
  });
  if (!queued || !run.data || !noWorkerFor(health.data?.queue, run.data.createdAt)) return null;
  return (
    <p className="run-notice" role="status" data-testid="run-no-worker">
      No worker is running: this run waits in the queue until a worker starts (npm run worker).
    </p>
  );
}
