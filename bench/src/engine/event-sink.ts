// Ours with SQLite: every event goes through the server's own RunEventRecorder, RunStore and notifier, exactly as
// the server's run manager stores a run's events (write-behind, a tick's worth of events per transaction).
import type { GraphDocument } from '@baton/contracts';
import {
  createMemoryNotifier,
  createSqliteGraphStore,
  createSqliteRunStore,
  openDatabase,
  RunEventRecorder,
} from '@baton/server';

export interface EventSink {
  graphVersion: number;
  createRun(runId: string, goal: string): Promise<void>;
  /** Starts recording a run: `record` each event as the run manager does, then `flush` once the run ended. */
  recorder(): RunEventRecorder;
  close(): void;
}

export async function openEventSink(dataDir: string, graph: GraphDocument): Promise<EventSink> {
  const db = openDatabase(dataDir);
  const graphs = createSqliteGraphStore(db);
  const runs = createSqliteRunStore(db);
  const notifier = createMemoryNotifier();
  await graphs.createGraph(graph.id, graph);
  const version = await graphs.versionOfDraft(graph.id);
  return {
    graphVersion: version.version,
    async createRun(runId, goal) {
      await runs.createRun({
        id: runId,
        graphId: graph.id,
        graphVersion: version.version,
        goal,
        input: null,
        budget: null,
      });
    },
    recorder: () => new RunEventRecorder({ runs, notifier }),
    close: () => db.close(),
  };
}
