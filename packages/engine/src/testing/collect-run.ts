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

/** Problems with the action tree: an action that never ended or ended twice, a parent that never started. */
export function actionTreeProblems(events: readonly RunEvent[]): string[] {
  const problems: string[] = [];
  const started = new Set<string>();
  const ended = new Map<string, number>();
  for (const event of events) {
    if (event.type === 'action.started') {
      if (event.parentActionId && !started.has(event.parentActionId)) {
        problems.push(`${event.actionId} starts under ${event.parentActionId}, which has not started`);
      }
      started.add(event.actionId);
    }
    if (event.type === 'action.completed' || event.type === 'action.failed') {
      ended.set(event.actionId, (ended.get(event.actionId) ?? 0) + 1);
    }
  }
  for (const id of started) {
    const count = ended.get(id) ?? 0;
    if (count !== 1) problems.push(`${id} ended ${count} times`);
  }
  return problems;
}
