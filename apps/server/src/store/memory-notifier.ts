// RunNotifier inside one process: listeners per run and for new work. Redis pub/sub or LISTEN/NOTIFY can replace it.
import type { RunNotifier } from './types';

export function createMemoryNotifier(): RunNotifier {
  const listeners = new Map<string, Set<() => void>>();
  const workers = new Set<() => void>();
  return {
    notifyWork() {
      for (const listener of [...workers]) listener();
    },
    subscribeWork(listener) {
      workers.add(listener);
      return () => {
        workers.delete(listener);
      };
    },
    notify(runId) {
      for (const listener of listeners.get(runId) ?? []) listener();
    },
    subscribe(runId, listener) {
      let set = listeners.get(runId);
      if (!set) {
        set = new Set();
        listeners.set(runId, set);
      }
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(runId);
      };
    },
  };
}
