// The graph format as JSON Schema 2020-12, generated from the zod schema: what other tools validate exports with.
import { z } from 'zod';
import { GRAPH_FORMAT, GRAPH_VERSION, GraphDocument } from './graph';

export const GRAPH_JSON_SCHEMA_FILE = `baton.graph.v${GRAPH_VERSION}.schema.json`;

let cached: Record<string, unknown> | undefined;

/**
 * The JSON Schema of a document people may hand in (defaults optional), as committed at
 * `packages/contracts/schema/baton.graph.v2.schema.json` and served at `GET /api/schema/graph`.
 * It covers the shape; the graph's rules (unique names, no cycles...) are checked by `parseGraph`.
 */
export function graphJsonSchema(): Record<string, unknown> {
  cached ??= {
    ...z.toJSONSchema(GraphDocument, { target: 'draft-2020-12', io: 'input' }),
    title: `Baton graph, version ${GRAPH_VERSION}`,
    description: `A Baton multi-agent graph in the export format ("format": "${GRAPH_FORMAT}"). This schema covers the shape; Baton also checks the graph's rules (unique ids and names, edges that fit their ends, no cycles, contract schemas) on import.`,
  };
  return structuredClone(cached);
}

/** The committed file's exact text. */
export function graphJsonSchemaText(): string {
  return `${JSON.stringify(graphJsonSchema(), null, 2)}\n`;
}
