// The link between the canvas and the trace: which node the trace is filtered to and which action is open.
import { createStore, type StoreApi } from 'zustand/vanilla';

export interface TraceFocus {
  /** The canvas node the trace is filtered to, or null. */
  nodeId: string | null;
  /** The action shown in the detail view, or null. */
  actionId: string | null;
  /** The node of that action: the canvas selects it (the trace's half of "and the other way"). */
  actionNodeId: string | null;
}

export type TraceFocusStore = StoreApi<TraceFocus>;

export const NO_TRACE_FOCUS: TraceFocus = { nodeId: null, actionId: null, actionNodeId: null };

/**
 * Clicking a node sets `nodeId` (the trace filters to it); choosing an action in the trace sets `actionId` and
 * `actionNodeId` (the canvas selects that node). One per editor page (`RunSessionProvider`).
 */
export function createTraceFocusStore(): TraceFocusStore {
  return createStore<TraceFocus>(() => NO_TRACE_FOCUS);
}

/** Filter the trace to a node (or clear the filter with null). */
export function focusNode(store: TraceFocusStore, nodeId: string | null): void {
  store.setState({ nodeId });
}

/** Show an action in the detail view (null closes it); its node is selected on the canvas. */
export function focusAction(store: TraceFocusStore, actionId: string | null, actionNodeId: string | null = null): void {
  store.setState({ actionId, actionNodeId });
}
