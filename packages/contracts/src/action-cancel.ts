// How an `action.failed` event says the action did not fail but was stopped because its run stopped (a person's
// cancel, a budget, another node's failure). The event type stays `action.failed` so that every stored run and
// every reader of the log keep working; the error code carries the difference.
import type { ErrorInfo } from './events';

/** The run was cancelled by a person (the code `RunCancelledError` has always recorded). */
export const RUN_CANCELLED_CODE = 'run_cancelled';
/** The run stopped for another reason (a budget, another node's failure) while this action was in flight. */
export const ACTION_CANCELLED_CODE = 'action_cancelled';

/** True when a failed action's error means "stopped by its run", not "failed on its own". */
export function isCancellation(error: Pick<ErrorInfo, 'code'>): boolean {
  return error.code === RUN_CANCELLED_CODE || error.code === ACTION_CANCELLED_CODE;
}
