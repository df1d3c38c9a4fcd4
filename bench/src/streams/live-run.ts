// Live runs on our real server: a chain graph imported through the API, run with the simulated provider.
import { batonGraph } from '../engine/baton-graphs';
import { getRun, importGraph, startRun } from '../harness/our-api';

/** The simulated specialist's reply streams about 30 tokens; with its start and completion, ~35 events a call. */
const EVENTS_PER_AGENT = 35;

/** Imports a chain long enough to emit about `events` events per run; returns the graph's id. */
export function importLiveGraph(base: string, events: number): Promise<string> {
  const agents = Math.max(1, Math.round(events / EVENTS_PER_AGENT));
  return importGraph(base, batonGraph({ kind: 'chain', size: agents }));
}

export async function startOurLiveRun(base: string, graphId: string, index: number) {
  const runId = await startRun(base, graphId, `Live stream benchmark ${index}`);
  return {
    runId,
    /** Read after the stream ended: how many events the run stored. */
    eventCount: async () => (await getRun(base, runId)).eventCount,
  };
}
