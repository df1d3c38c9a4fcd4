// Ours: the shape as a Baton graph run by the engine, alone or storing every event in SQLite as the server does.
import { parseGraph } from '@baton/contracts';
import { runGraph } from '@baton/engine';
import { batonGraph } from './baton-graphs';
import { createScriptedProvider } from './baton-provider';
import { type EventSink, openEventSink } from './event-sink';
import type { Runner } from './runners';
import type { ScriptedModel } from './scripted-model';
import type { Shape } from './shapes';

/**
 * The graph is parsed once, outside the timed runs (as the peer's graph is compiled once). A loop of R > 20 is
 * beyond the format's limit on maxRevisions, so that document goes to the engine as built, unvalidated.
 */
function prepareGraph(shape: Shape) {
  const document = batonGraph(shape);
  const parsed = parseGraph(document);
  if (parsed.ok) return parsed.graph;
  const onlyRevisionLimit = parsed.issues.every((issue) => issue.path.at(-1) === 'maxRevisions');
  if (shape.kind === 'loop' && onlyRevisionLimit) return document;
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
      // Fan-outs run with concurrency equal to W (the orchestrator's own is W too); the default cap is 16 calls.
      concurrency: shape.kind === 'fanout' ? shape.size : undefined,
    });
    let events = 0;
    for await (const event of handle.events) {
      events++;
      if (sink) await sink.append(event);
    }
    const outcome = await handle.outcome;
    if (outcome.status !== 'completed') {
      throw new Error(`run ${runId} ended ${outcome.status}: ${JSON.stringify(outcome).slice(0, 500)}`);
    }
    return { events };
  };
}
