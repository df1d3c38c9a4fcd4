// Ours with SQLite: every event goes through the server's own RunStore (one transaction per event) and notifier,
// exactly as the server's run manager stores an event before the engine may go on.
import type { GraphDocument, RunEvent } from '@baton/contracts';
import { createMemoryNotifier, createSqliteGraphStore, createSqliteRunStore, openDatabase } from '@baton/server';

export interface EventSink {
  graphVersion: number;
  createRun(runId: string, goal: string): Promise<void>;
  append(event: RunEvent): Promise<void>;
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
    async append(event) {
      await runs.appendEvent(event);
      notifier.notify(event.runId);
    },
    close: () => db.close(),
  };
}
