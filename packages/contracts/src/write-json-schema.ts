// Writes the JSON Schemas of the graph format, the trace file and the test case to schema/: `pnpm --filter @baton/contracts schema:write`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { GRAPH_JSON_SCHEMA_FILE, graphJsonSchemaText } from './graph/graph-json-schema';
import { TESTCASE_JSON_SCHEMA_FILE, testCaseJsonSchemaText } from './testcase/testcase-json-schema';
import { TRACE_JSON_SCHEMA_FILE, traceJsonSchemaText } from './trace/trace-json-schema';

const dir = fileURLToPath(new URL('../schema/', import.meta.url));
mkdirSync(dir, { recursive: true });
for (const [file, text] of [
  [GRAPH_JSON_SCHEMA_FILE, graphJsonSchemaText()],
  [TRACE_JSON_SCHEMA_FILE, traceJsonSchemaText()],
  [TESTCASE_JSON_SCHEMA_FILE, testCaseJsonSchemaText()],
] as const) {
  writeFileSync(dir + file, text);
  console.log(`Wrote ${dir}${file}`);
}
