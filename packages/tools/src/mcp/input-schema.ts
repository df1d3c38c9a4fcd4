// MCP servers describe inputs in JSON Schema draft-07 (the TypeScript SDK writes `"$schema": ".../draft-07/schema#"`),
// while the engine compiles 2020-12 only. The drafts differ in a few keywords; this rewrites those (tuple `items`,
// `additionalItems`, `dependencies`) and drops the draft's `$schema`, so that a schema means what its server meant.
// `definitions` stays: a `$ref` to `#/definitions/...` is a JSON pointer, which 2020-12 resolves the same way.
import type { JsonSchemaObject } from '@baton/contracts';

const OLD_DRAFT = /json-schema\.org\/draft-0[4-7]\/schema/;

type Schema = Record<string, unknown>;

export function toDraft2020(schema: JsonSchemaObject): JsonSchemaObject {
  const declared = typeof schema.$schema === 'string' ? schema.$schema : null;
  if (declared !== null && !OLD_DRAFT.test(declared)) return schema;
  const { $schema: _, ...rest } = schema;
  return rewrite(rest, 0) as JsonSchemaObject;
}

/** Keywords whose value is one schema, a list of them, or a map of them. */
const ONE = ['not', 'if', 'then', 'else', 'contains', 'propertyNames', 'additionalProperties', 'items'];
const LIST = ['allOf', 'anyOf', 'oneOf'];
const MAP = ['properties', 'patternProperties', 'definitions', '$defs'];

function rewrite(value: unknown, depth: number): unknown {
  // Depth is capped by the engine's own schema limits later; this only stops a pathological one here.
  if (depth > 64 || typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const schema: Schema = { ...(value as Schema) };
  if (Array.isArray(schema.items)) {
    schema.prefixItems = schema.items;
    if ('additionalItems' in schema) schema.items = schema.additionalItems;
    else delete schema.items;
    delete schema.additionalItems;
  } else delete schema.additionalItems;
  if (schema.dependencies && typeof schema.dependencies === 'object') {
    const required: Schema = {};
    const schemas: Schema = {};
    for (const [key, dependency] of Object.entries(schema.dependencies as Schema)) {
      if (Array.isArray(dependency)) required[key] = dependency;
      else schemas[key] = dependency;
    }
    if (Object.keys(required).length > 0) schema.dependentRequired = required;
    if (Object.keys(schemas).length > 0) schema.dependentSchemas = schemas;
    delete schema.dependencies;
  }
  for (const key of ONE) if (key in schema) schema[key] = rewrite(schema[key], depth + 1);
  for (const key of ['prefixItems', ...LIST]) {
    if (Array.isArray(schema[key])) schema[key] = (schema[key] as unknown[]).map((s) => rewrite(s, depth + 1));
  }
  for (const key of [...MAP, 'dependentSchemas']) {
    const map = schema[key];
    if (map && typeof map === 'object' && !Array.isArray(map)) {
      schema[key] = Object.fromEntries(Object.entries(map as Schema).map(([k, s]) => [k, rewrite(s, depth + 1)]));
    }
  }
  return schema;
}
