import { describe, expect, it } from 'vitest';
import type { RunEvent, RunStatus } from './events';
import { nextRunStatus } from './run-status';

/** Only `type` matters to the status; the rest of an event is left out. */
const event = (type: RunEvent['type']) => ({ type }) as RunEvent;
const walk = (from: RunStatus, types: RunEvent['type'][]) => {
  const seen: RunStatus[] = [];
  let status = from;
  for (const type of types) {
    status = nextRunStatus(status, event(type));
    seen.push(status);
  }
  return seen;
};

describe('nextRunStatus', () => {
  it('starts, waits for a person, runs on and ends', () => {
    expect(
      walk('queued', [
        'run.started',
        'action.started',
        'escalation.requested',
        'run.waiting',
        'action.delta',
        'escalation.resolved',
        'run.completed',
      ]),
    ).toEqual(['running', 'running', 'running', 'waiting', 'waiting', 'running', 'completed']);
  });

  it('runs again when an interrupted run is resumed, and ends with each terminal event', () => {
    expect(walk('running', ['run.interrupted', 'run.started', 'run.failed'])).toEqual([
      'interrupted',
      'running',
      'failed',
    ]);
    expect(walk('waiting', ['run.cancelled'])).toEqual(['cancelled']);
  });

  it('an action seen before the start means the run is running; an escalation resolved while running changes nothing', () => {
    expect(walk('queued', ['action.started'])).toEqual(['running']);
    expect(walk('running', ['escalation.resolved', 'budget.exceeded', 'event.redacted'])).toEqual([
      'running',
      'running',
      'running',
    ]);
  });
});
