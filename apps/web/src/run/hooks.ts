// Run state for the canvas. Placeholder until the live run view lands: the editor's nodes read their run status here.
import type { ActionStatus } from '@baton/contracts';

export type NodeRunStatus = ActionStatus | 'escalated' | 'idle';

/** The run status of one node in the run being shown, or undefined when no run is shown. */
export function useNodeRunStatus(_nodeId: string): NodeRunStatus | undefined {
  return undefined;
}
