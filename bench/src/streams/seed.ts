// Stores a finished run of N events in a data dir through the server's own SQLite stores, before the server starts.
// It goes through @baton/server's exported stores, so the events are stored exactly as the server stores them.

import type { RunEvent } from '@baton/contracts';
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
    // Appended in batches of 1,000 events (one transaction each), as the server's recorder batches a busy run.
    let batch: RunEvent[] = [];
    let at = 1_700_000_000_000;
    while (!source.done) {
      const event = source.next(at++);
      lastHash = event.chain;
      batch.push(event);
      if (batch.length === 1000 || source.done) {
        await runs.appendEvents(batch);
        batch = [];
      }
    }
    const stored = await runs.getRun(SEEDED_RUN_ID);
    if (stored?.eventCount !== count || stored.status !== 'completed') {
      throw new Error(`seeding stored ${stored?.eventCount} events (status ${stored?.status}), expected ${count}`);
    }
    return { runId: SEEDED_RUN_ID, lastHash };
  } finally {
    db.close();
  }
}
