// Tool calls an earlier attempt of the run began and never ended: the process stopped while the tool was running.
// Such a call may have done its work (sent the mail, written the row) without its result being stored, so a resumed
// run must not repeat it blindly when the tool may have side effects (tools/ask-person.ts).
import type { RunEvent } from '@baton/contracts';

/** By step key: the attempt of each tool call whose last `action.started` has no `action.completed` or `.failed`. */
export function unfinishedToolCalls(events: readonly RunEvent[]): Map<string, number> {
  const lastStart = new Map<string, { actionId: string; attempt: number }>();
  const ended = new Set<string>();
  for (const event of events) {
    if (event.type === 'action.started' && event.actionType === 'tool_call' && event.stepKey) {
      lastStart.set(event.stepKey, { actionId: event.actionId, attempt: event.attempt });
    } else if (event.type === 'action.completed' || event.type === 'action.failed') {
      ended.add(event.actionId);
    }
  }
  const unfinished = new Map<string, number>();
  for (const [stepKey, start] of lastStart) if (!ended.has(start.actionId)) unfinished.set(stepKey, start.attempt);
  return unfinished;
}
