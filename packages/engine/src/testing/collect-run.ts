// Runs a graph to its end and gathers every event: the common first step of engine, server and benchmark tests.
import type { RunEvent, RunEventOfType, RunEventType } from '@baton/contracts';
import { runGraph } from '../run/run-graph';
import type { RunGraphOptions, RunOutcome } from '../run-options';

export interface CollectedRun {
  events: RunEvent[];
  outcome: RunOutcome;
}

/** Deterministic ids, clock and nonce unless given, so that two runs of the same graph can be compared. */
export async function collectRun(
  options: Omit<RunGraphOptions, 'runId' | 'graphVersion' | 'escalations'> &
    Partial<Pick<RunGraphOptions, 'runId' | 'graphVersion' | 'escalations'>>,
): Promise<CollectedRun> {
  let id = 0;
  let now = 1_700_000_000_000;
  const handle = runGraph({
    runId: 'run-test',
    graphVersion: 1,
    escalations: async () => ({ decision: 'approve' }),
    clock: () => now++,
    ids: () => `act-${++id}`,
    nonce: 'n0nce',
    ...options,
  });
  const events: RunEvent[] = [];
  for await (const event of handle.events) events.push(event);
  return { events, outcome: await handle.outcome };
}

export function eventsOfType<T extends RunEventType>(events: readonly RunEvent[], type: T): RunEventOfType<T>[] {
  return events.filter((event): event is RunEventOfType<T> => event.type === type);
}
