// React bindings of the run view: the canvas reads node and edge run state here; the trace panel its rows.
import { useCallback, useSyncExternalStore } from 'react';
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { ActionView, EdgeRunState, NodeRunStatus, RunSummaryView, RunViewStore } from './run-store';
import { shownRun } from './shown-run';

export type { EdgeRunState, NodeRunStatus } from './run-store';

/**
 * The run status of one node in the run being shown, or undefined when no run is shown. `completed` reads as
 * "succeeded"; `waiting` means not started yet in a live run; `idle` means it never ran in an ended run.
 * The snapshot is a string, so a node re-renders only when its own status changes.
 */
export function useNodeRunStatus(nodeId: string): NodeRunStatus | undefined {
  const get = useCallback(() => shownRun.nodeStatus(nodeId), [nodeId]);
  return useSyncExternalStore(shownRun.subscribe, get, get);
}

/**
 * What an edge shows in the run being shown: `active` while a payload travels on it (animate it),
 * `escalated` while a person must decide, `rejected`, `done`; undefined when nothing went over it.
 */
export function useEdgeRunState(edgeId: string): EdgeRunState | undefined {
  const get = useCallback(() => shownRun.edgeState(edgeId), [edgeId]);
  return useSyncExternalStore(shownRun.subscribe, get, get);
}

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

export interface TraceFocus {
  /** The canvas node the trace is filtered to, or null. */
  nodeId: string | null;
  /** The action shown in the detail view, or null. */
  actionId: string | null;
  /** The node of that action: the canvas selects it (the trace's half of "and the other way"). */
  actionNodeId: string | null;
}

/**
 * The link between the canvas and the trace: clicking a node sets `nodeId` (the trace filters to it), and
 * choosing an action in the trace sets `actionId` and `actionNodeId` (the canvas selects that node). Kept
 * outside React so the canvas and the panel share it without a common provider.
 */
export const traceFocusStore = createStore<TraceFocus>(() => ({ nodeId: null, actionId: null, actionNodeId: null }));

/** Filter the trace to a node (or clear the filter with null). For the canvas: call it on node click. */
export function setTraceFocusNode(nodeId: string | null): void {
  traceFocusStore.setState({ nodeId });
}

/** Show an action in the detail view (null closes it); its node is selected on the canvas. */
export function setTraceFocusAction(actionId: string | null, actionNodeId: string | null = null): void {
  traceFocusStore.setState({ actionId, actionNodeId });
}

/** The trace focus, with a selector so a component re-renders only for what it reads. */
export function useTraceFocus<T>(selector: (focus: TraceFocus) => T): T {
  return useStore(traceFocusStore, selector);
}
