// Reading a run's whole log, and appending one sealed event outside the engine (an end the engine did not write).
import type { RunEvent, RunEventBody, RunRecord } from '@baton/contracts';
import { createScrubber } from '../secrets';
import type { RunNotifier, RunStore } from '../store/types';
import type { EnginePort } from './engine-port';
import { RunEventRecorder } from './event-recorder';
import type { EventSinks } from './event-sinks';

export interface RunLogDeps {
  runs: RunStore;
  notifier: RunNotifier;
  engine: EnginePort;
  /** Strings that must never be stored in an event (provider keys, the server token): scrubbed before sealing. */
  secrets: readonly string[];
  /** Told of the event once it is stored (see event-sinks.ts). */
  sinks?: EventSinks;
}

/** Every stored event of the run, in seq order. */
export async function readRunLog(runs: RunStore, runId: string): Promise<RunEvent[]> {
  const events: RunEvent[] = [];
  for (let after = 0; ; ) {
    const batch = await runs.readEvents(runId, after, 1000);
    if (batch.length === 0) return events;
    events.push(...batch);
    after = batch.at(-1)!.seq;
  }
}

export async function findEvent(
  runs: RunStore,
  runId: string,
  match: (event: RunEvent) => boolean,
): Promise<RunEvent | undefined> {
  for (let after = 0; ; ) {
    const batch = await runs.readEvents(runId, after, 1000);
    const found = batch.find(match);
    if (found || batch.length === 0) return found;
    after = batch.at(-1)!.seq;
  }
}

/** The run store as one claim holder may write to it: every append is fenced by `owner`'s claim. */
export function fencedRuns(runs: RunStore, owner: string): RunStore {
  return { ...runs, appendEvents: (events) => runs.appendEvents(events, { owner }) };
}

/** Seals `body` as the run's next event and stores it, if `owner` still holds the run's claim. */
export async function appendSealed(
  deps: RunLogDeps,
  owner: string,
  run: RunRecord,
  body: RunEventBody,
  at: number,
): Promise<void> {
  const event = deps.engine.sealEvent(
    body,
    { runId: run.id, seq: run.eventCount + 1, at, previousChain: run.lastHash },
    createScrubber(deps.secrets),
  );
  const recorder = new RunEventRecorder({ ...deps, runs: fencedRuns(deps.runs, owner) });
  recorder.record(event);
  await recorder.flush();
}
