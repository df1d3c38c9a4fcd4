// Writes the JSON Schemas of the graph format and the trace file to schema/: `pnpm --filter @baton/contracts schema:write`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { GRAPH_JSON_SCHEMA_FILE, graphJsonSchemaText } from './graph/graph-json-schema';
import { TRACE_JSON_SCHEMA_FILE, traceJsonSchemaText } from './trace/trace-json-schema';

const dir = fileURLToPath(new URL('../schema/', import.meta.url));
mkdirSync(dir, { recursive: true });
for (const [file, text] of [
  [GRAPH_JSON_SCHEMA_FILE, graphJsonSchemaText()],
  [TRACE_JSON_SCHEMA_FILE, traceJsonSchemaText()],
] as const) {
  writeFileSync(dir + file, text);
  console.log(`Wrote ${dir}${file}`);
}
