// The trace file: one run, the graph version it ran and every sealed event, as the server's export, `baton run
// --trace` and `baton verify` share it. Versioned like the graph format, so a trace saved today stays readable.
import { z } from 'zod';
import { RunRecord } from '../api';
import { RunEvent } from '../events';
import { GraphDocument } from '../graph/graph';
import { migrateGraph } from '../graph/migrate';

export const TRACE_FORMAT = 'baton.trace';
export const TRACE_VERSION = 1;

/** A trace's graph as any readable version wrote it (a trace saved before graph format 2 holds a version 1 graph). */
const TraceGraph = z.preprocess((value) => {
  if (value === null) return value;
  const migrated = migrateGraph(value);
  return migrated.ok ? migrated.document : value;
}, GraphDocument);

export const TraceFile = z.strictObject({
  format: z.literal(TRACE_FORMAT),
  version: z.literal(TRACE_VERSION),
  /** The run as its row records it; `lastHash` and `eventCount` are what `verifyRunLog` checks the events against. */
  run: RunRecord,
  /** The exact graph version the run ran; null when that version is gone. */
  graph: TraceGraph.nullable(),
  /** Every event of the run in `seq` order, sealed into the hash chain. */
  events: z.array(RunEvent),
});
export type TraceFile = z.infer<typeof TraceFile>;

/** The trace file of a run: the envelope that says what the file is, around what the run recorded. */
export function traceFile(parts: { run: RunRecord; graph: GraphDocument | null; events: RunEvent[] }): TraceFile {
  return { format: TRACE_FORMAT, version: TRACE_VERSION, run: parts.run, graph: parts.graph, events: parts.events };
}
