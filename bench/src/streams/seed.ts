// Stores a finished run of N events in a data dir through the server's own SQLite stores, before the server starts.
// It goes through @baton/server's exported stores, so the events are stored exactly as the server stores them.

import { createSqliteGraphStore, createSqliteRunStore, openDatabase } from '@baton/server';
import { canvasGraph } from '../canvas/generate';
import { createEventSource } from './events';

export const SEEDED_RUN_ID = 'bench-stored-run';

export async function seedStoredRun(dataDir: string, count: number): Promise<{ runId: string; lastHash: string }> {
  const db = openDatabase(dataDir);
  try {
    const graphs = createSqliteGraphStore(db);
    const runs = createSqliteRunStore(db);
    const graph = canvasGraph(5);
    await graphs.createGraph('bench-stream', { ...graph, id: 'bench-stream' });
    const version = await graphs.versionOfDraft('bench-stream');
    await runs.createRun({
      id: SEEDED_RUN_ID,
      graphId: 'bench-stream',
      graphVersion: version.version,
      goal: 'Stream a long run',
      input: null,
      budget: null,
    });
    const source = createEventSource(SEEDED_RUN_ID, count);
    let lastHash = '';
    // One outer transaction: each appendEvent is then a savepoint, so seeding 100,000 events takes seconds.
    const pending: Promise<unknown>[] = [];
    db.transaction(() => {
      while (!source.done) {
        const event = source.next(1_700_000_000_000 + pending.length);
        lastHash = event.chain;
        pending.push(runs.appendEvent(event));
      }
    })();
    await Promise.all(pending);
    const stored = await runs.getRun(SEEDED_RUN_ID);
    if (stored?.eventCount !== count || stored.status !== 'completed') {
      throw new Error(`seeding stored ${stored?.eventCount} events (status ${stored?.status}), expected ${count}`);
    }
    return { runId: SEEDED_RUN_ID, lastHash };
  } finally {
    db.close();
  }
}
