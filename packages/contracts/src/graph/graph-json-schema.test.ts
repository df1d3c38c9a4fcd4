import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileJsonSchema, validateJson } from '../json-schema';
import { GRAPH_JSON_SCHEMA_FILE, graphJsonSchema, graphJsonSchemaText } from './graph-json-schema';

const FILE = fileURLToPath(new URL(`../../schema/${GRAPH_JSON_SCHEMA_FILE}`, import.meta.url));
const EXAMPLE = fileURLToPath(new URL('../../../../examples/research-and-write.json', import.meta.url));

describe('the JSON Schema of the graph format', () => {
  it('matches the committed file (run `pnpm --filter @baton/contracts schema:write` after changing the format)', () => {
    expect(readFileSync(FILE, 'utf8')).toBe(graphJsonSchemaText());
  });

  it('is a JSON Schema 2020-12 that accepts the examples and refuses a wrong document', () => {
    expect(graphJsonSchema().$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    const compiled = compileJsonSchema(graphJsonSchema());
    if (!compiled.ok) throw new Error(compiled.message);
    const example = JSON.parse(readFileSync(EXAMPLE, 'utf8'));
    expect(validateJson(compiled, example)).toEqual([]);
    // Defaults are optional in what people hand in.
    expect(
      validateJson(compiled, { format: 'baton.graph', version: 2, id: 'g', name: 'G', nodes: [], edges: [] }),
    ).toEqual([]);
    const wrong = validateJson(compiled, { ...example, version: 1, extra: true });
    expect(wrong).toContainEqual({ path: ['version'], message: 'Expected exactly 2.' });
    expect(wrong).toContainEqual({ path: ['extra'], message: 'This property is not allowed here.' });
  });
});
