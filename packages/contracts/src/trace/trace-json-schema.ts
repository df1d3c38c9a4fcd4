// The trace file as JSON Schema 2020-12, generated from the zod schema: what other tools read Baton traces with.
import { z } from 'zod';
import { TRACE_FORMAT, TRACE_VERSION, TraceFile } from './trace-file';

export const TRACE_JSON_SCHEMA_FILE = `baton.trace.v${TRACE_VERSION}.schema.json`;

let cached: Record<string, unknown> | undefined;

/** As committed at `packages/contracts/schema/baton.trace.v1.schema.json`: the shape of what Baton writes. */
export function traceJsonSchema(): Record<string, unknown> {
  cached ??= {
    ...z.toJSONSchema(TraceFile, { target: 'draft-2020-12', io: 'output' }),
    title: `Baton trace, version ${TRACE_VERSION}`,
    description: `One Baton run ("format": "${TRACE_FORMAT}"): its record, the graph version it ran and every event of its hash-chained audit log. The schema covers the shape; \`baton verify\` checks the chain.`,
  };
  return structuredClone(cached);
}

/** The committed file's exact text. */
export function traceJsonSchemaText(): string {
  return `${JSON.stringify(traceJsonSchema(), null, 2)}\n`;
}
