// The run-status state machine, once: how each run event moves a run's status. The server's run rows and the
// browser's run view both step through it, so they cannot disagree on what a run's events mean.
import { assertNever } from './assert-never';
import type { RunEvent, RunStatus } from './events';

/**
 * The status after `event`. A run is `queued` until it starts; `run.started` (every attempt, a resumed one too) makes
 * it `running`; it `waiting`s while a person must decide and runs again once they have; the four terminal events end
 * it with their own status. An action that starts before the browser saw `run.started` also means it is running.
 */
export function nextRunStatus(status: RunStatus, event: RunEvent): RunStatus {
  switch (event.type) {
    case 'run.started':
      return 'running';
    case 'run.waiting':
      return 'waiting';
    case 'escalation.resolved':
      return status === 'waiting' ? 'running' : status;
    case 'action.started':
      return status === 'queued' ? 'running' : status;
    case 'run.completed':
      return 'completed';
    case 'run.failed':
      return 'failed';
    case 'run.cancelled':
      return 'cancelled';
    case 'run.interrupted':
      return 'interrupted';
    case 'action.delta':
    case 'action.completed':
    case 'action.failed':
    case 'action.skipped':
    case 'handoff.validated':
    case 'handoff.rejected':
    case 'escalation.requested':
    case 'budget.exceeded':
    case 'event.redacted':
      return status;
    default:
      return assertNever(event, 'run event');
  }
}
