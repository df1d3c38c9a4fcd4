// React bindings of a run view store: the panel's summary, the trace's rows and one action at a time.
import { useCallback, useSyncExternalStore } from 'react';
import type { RunViewStore } from './run-view-store';
import type { ActionView, RunSummaryView } from './view-shapes';

/** The run summary of a store: re-renders when the run's status, totals or escalations change. */
export function useRunSummary(store: RunViewStore): RunSummaryView {
  return useSyncExternalStore(store.subscribe, store.getSummary, store.getSummary);
}

/** Bumps whenever an action is added or changes: the trace list re-reads its rows when it moves. */
export function useTreeVersion(store: RunViewStore): number {
  const get = useCallback(() => store.treeVersion, [store]);
  return useSyncExternalStore(store.subscribe, get, get);
}

/** Bumps only when an action is added: what depends on the tree's shape, not on streamed text, reads this. */
export function useStructureVersion(store: RunViewStore): number {
  const get = useCallback(() => store.structureVersion, [store]);
  return useSyncExternalStore(store.subscribe, get, get);
}

/** One action, re-rendering only when that action changes. */
export function useAction(store: RunViewStore, actionId: string | null): ActionView | undefined {
  const get = useCallback(() => (actionId === null ? undefined : store.getAction(actionId)), [store, actionId]);
  return useSyncExternalStore(store.subscribe, get, get);
}
