// Ours: the shape as a Baton graph run by the engine, alone or storing every event in SQLite as the server does.
import { parseGraph } from '@baton/contracts';
import { runGraph } from '@baton/engine';
import { batonGraph } from './baton-graphs';
import { createScriptedProvider } from './baton-provider';
import { type EventSink, openEventSink } from './event-sink';
import type { Runner } from './runners';
import type { ScriptedModel } from './scripted-model';
import type { Shape } from './shapes';

/** The graph is parsed once, outside the timed runs (as the peer's graph is compiled once). */
function prepareGraph(shape: Shape) {
  const parsed = parseGraph(batonGraph(shape));
  if (parsed.ok) return parsed.graph;
  throw new Error(`The ${shape.kind} graph is invalid: ${parsed.issues.map((i) => i.message).join('; ')}`);
}

export async function createBatonRunner(shape: Shape, model: ScriptedModel, dataDir: string | null): Promise<Runner> {
  const graph = prepareGraph(shape);
  const provider = createScriptedProvider(model, shape.size);
  const sink: EventSink | null = dataDir ? await openEventSink(dataDir, graph) : null;
  let ids = 0;
  return async (goal, index) => {
    const runId = `bench-${index < 0 ? `warmup${-index}` : index}`;
    await sink?.createRun(runId, goal);
    const handle = runGraph({
      runId,
      graph,
      graphVersion: sink?.graphVersion ?? 1,
      goal,
      provider,
      escalations: () => Promise.reject(new Error('The benchmark shapes never escalate')),
      // The server's clock; ids from a counter (the server draws random ones: a cost that is the server's, not the engine's).
      clock: Date.now,
      ids: () => `a${++ids}`,
      nonce: 'bench',
      // No run-wide cap: the engine's default is the graph's own parallelism (a fan-out's orchestrator has W).
    });
    let events = 0;
    const recorder = sink?.recorder();
    for await (const event of handle.events) {
      events++;
      const full = recorder?.record(event);
      if (full) await full;
    }
    await recorder?.flush();
    const outcome = await handle.outcome;
    if (outcome.status !== 'completed') {
      throw new Error(`run ${runId} ended ${outcome.status}: ${JSON.stringify(outcome).slice(0, 500)}`);
    }
    return { events };
  };
}
