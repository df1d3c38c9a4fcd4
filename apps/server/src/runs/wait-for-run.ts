// Waits, through the notifier and the store, until a run's record satisfies a condition or the time is up.
import type { RunRecord } from '@baton/contracts';
import type { RunNotifier, RunStore } from '../store/types';

export async function waitForRun(
  deps: { runs: RunStore; notifier: RunNotifier },
  runId: string,
  done: (run: RunRecord) => boolean,
  timeoutMs: number,
): Promise<RunRecord | null> {
  let wake: () => void = () => {};
  let woken = false;
  const unsubscribe = deps.notifier.subscribe(runId, () => {
    woken = true;
    wake();
  });
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      woken = false;
      const run = await deps.runs.getRun(runId);
      if (!run || done(run)) return run;
      const left = deadline - Date.now();
      if (left <= 0) return run;
      if (!woken) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    }
  } finally {
    unsubscribe();
  }
}
