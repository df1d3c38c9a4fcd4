// What the canvas shows of a run: each node's status and each edge's state. The editor defines the shape and a
// default (no run); the run view provides one, so the editor never imports the run view.
import type { ActionStatus } from '@baton/contracts';
import { createContext, type ReactNode, useCallback, useContext, useSyncExternalStore } from 'react';

/** A node's status on the canvas. `completed` is shown as "succeeded"; `idle` means it never ran in this run. */
export type NodeRunStatus = ActionStatus | 'escalated' | 'idle';

/** What an edge shows: a payload travelling on it, held for a person, refused, or delivered. */
export type EdgeRunState = 'active' | 'escalated' | 'rejected' | 'done';

export interface RunOverlay {
  /** Calls `listener` whenever a status or state may have changed; returns the unsubscribe. */
  subscribe(listener: () => void): () => void;
  nodeStatus(nodeId: string): NodeRunStatus | undefined;
  edgeState(edgeId: string): EdgeRunState | undefined;
}

/** No run shown: nothing to draw. */
export const NO_RUN_OVERLAY: RunOverlay = {
  subscribe: () => () => {},
  nodeStatus: () => undefined,
  edgeState: () => undefined,
};

const RunOverlayContext = createContext<RunOverlay>(NO_RUN_OVERLAY);

export function RunOverlayProvider({ overlay, children }: { overlay: RunOverlay; children: ReactNode }) {
  return <RunOverlayContext.Provider value={overlay}>{children}</RunOverlayContext.Provider>;
}

/**
 * The run status of one node, or undefined when no run is shown. `waiting` means not started yet in a live run;
 * `idle` means it never ran in an ended run. The snapshot is a string, so a node re-renders only when its own
 * status changes.
 */
export function useNodeRunStatus(nodeId: string): NodeRunStatus | undefined {
  const overlay = useContext(RunOverlayContext);
  const get = useCallback(() => overlay.nodeStatus(nodeId), [overlay, nodeId]);
  return useSyncExternalStore(overlay.subscribe, get, get);
}

/**
 * What an edge shows: `active` while a payload travels on it (animate it), `escalated` while a person must decide,
 * `rejected`, `done`; undefined when nothing went over it.
 */
export function useEdgeRunState(edgeId: string): EdgeRunState | undefined {
  const overlay = useContext(RunOverlayContext);
  const get = useCallback(() => overlay.edgeState(edgeId), [overlay, edgeId]);
  return useSyncExternalStore(overlay.subscribe, get, get);
}
