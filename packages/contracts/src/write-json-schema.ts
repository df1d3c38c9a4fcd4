// Writes the graph format's JSON Schema to schema/: `pnpm --filter @baton/contracts schema:write`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { GRAPH_JSON_SCHEMA_FILE, graphJsonSchemaText } from './graph/graph-json-schema';

const dir = fileURLToPath(new URL('../schema/', import.meta.url));
mkdirSync(dir, { recursive: true });
writeFileSync(dir + GRAPH_JSON_SCHEMA_FILE, graphJsonSchemaText());
console.log(`Wrote ${dir}${GRAPH_JSON_SCHEMA_FILE}`);
