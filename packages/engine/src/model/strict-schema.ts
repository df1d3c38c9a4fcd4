// OpenAI's strict structured-output subset: only schemas inside it may be sent with `strict: true`.

/** Keywords OpenAI's strict mode accepts. Anything else (minLength, patternProperties, not, if...) is outside it. */
const STRICT_KEYWORDS = new Set([
  'type',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'enum',
  'const',
  'anyOf',
  'description',
  'title',
  '$defs',
  'definitions',
  '$ref',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'pattern',
  'format',
  'minItems',
  'maxItems',
  '$schema',
]);

const MAX_DEPTH = 10;

/**
 * True when the schema is inside OpenAI's strict subset: an object root; every object closes its properties
 * (`additionalProperties: false`) and requires all of them; only supported keywords; local `$ref`s; bounded depth.
 */
export function isStrictCompatible(schema: unknown): boolean {
  if (!isRecord(schema) || schema.type !== 'object') return false;
  return check(schema, 0);
}

function check(schema: unknown, depth: number): boolean {
  if (!isRecord(schema) || depth > MAX_DEPTH) return false;
  for (const key of Object.keys(schema)) if (!STRICT_KEYWORDS.has(key)) return false;
  if (typeof schema.$ref === 'string' && !schema.$ref.startsWith('#')) return false;
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.includes('object') || schema.properties) {
    if (schema.additionalProperties !== false) return false;
    const properties = isRecord(schema.properties) ? schema.properties : {};
    const required = new Set(Array.isArray(schema.required) ? schema.required : []);
    for (const [key, child] of Object.entries(properties)) {
      if (!required.has(key) || !check(child, depth + 1)) return false;
    }
  }
  if (schema.items !== undefined && !check(schema.items, depth + 1)) return false;
  if (schema.anyOf !== undefined) {
    if (!Array.isArray(schema.anyOf) || !schema.anyOf.every((s) => check(s, depth + 1))) return false;
  }
  for (const defs of [schema.$defs, schema.definitions]) {
    if (defs !== undefined && (!isRecord(defs) || !Object.values(defs).every((s) => check(s, depth + 1)))) return false;
  }
  return true;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
