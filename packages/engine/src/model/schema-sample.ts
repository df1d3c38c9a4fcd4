// Builds a plausible JSON value that satisfies a JSON Schema: what the simulated provider answers structured calls with.
import type { JsonValue } from '@baton/contracts';

export interface SampleOptions {
  /** Put in every numeric `confidence` property (clamped to its bounds). */
  confidence: number;
  /** Text used for free strings. */
  text: (path: string) => string;
}

type Schema = Record<string, unknown>;

/** A value for `schema`: required properties, minimum items, enums and consts, bounds. Local `$ref`s are followed. */
export function sampleFromSchema(schema: unknown, options: SampleOptions): JsonValue {
  return sample(asSchema(schema), asSchema(schema), 'value', options, 0);
}

function sample(schema: Schema, root: Schema, name: string, options: SampleOptions, depth: number): JsonValue {
  if (depth > 12) return null;
  if (typeof schema.$ref === 'string' && schema.$ref.startsWith('#')) {
    return sample(resolveRef(root, schema.$ref), root, name, options, depth + 1);
  }
  if ('const' in schema) return schema.const as JsonValue;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0] as JsonValue;
  // An example the schema's author gave is the most plausible value there is (a tool's "sqrt(16) * 2").
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0] as JsonValue;
  for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
    const list = schema[key];
    if (Array.isArray(list) && list.length > 0) {
      if (key === 'allOf') return sample(mergeAll(schema, list), root, name, options, depth + 1);
      return sample(asSchema(list[0]), root, name, options, depth + 1);
    }
  }
  const type = pickType(schema);
  switch (type) {
    case 'object': {
      const out: Record<string, JsonValue> = {};
      const properties = asSchema(schema.properties);
      const required = Array.isArray(schema.required) ? (schema.required as string[]) : Object.keys(properties);
      for (const key of required) out[key] = sample(asSchema(properties[key]), root, key, options, depth + 1);
      return out;
    }
    case 'array': {
      const count = Math.max(typeof schema.minItems === 'number' ? schema.minItems : 1, 1);
      const limit = typeof schema.maxItems === 'number' ? Math.min(count, schema.maxItems) : count;
      // Distinct names give distinct strings, so `uniqueItems` holds.
      return Array.from({ length: limit }, (_, i) =>
        sample(asSchema(schema.items), root, limit > 1 ? `${name} ${i + 1}` : name, options, depth + 1),
      );
    }
    case 'number':
    case 'integer': {
      const min = numberOr(schema.minimum, numberOr(schema.exclusiveMinimum, -Infinity));
      const max = numberOr(schema.maximum, numberOr(schema.exclusiveMaximum, Infinity));
      let value = name === 'confidence' ? options.confidence : Number.isFinite(min) ? min : 1;
      value = Math.min(Math.max(value, min), max);
      return type === 'integer' ? Math.ceil(value) : value;
    }
    case 'boolean':
      return true;
    case 'null':
      return null;
    default: {
      let text = options.text(name);
      if (typeof schema.minLength === 'number') text = text.padEnd(schema.minLength, '.');
      if (typeof schema.maxLength === 'number') text = text.slice(0, schema.maxLength);
      return text;
    }
  }
}

function pickType(schema: Schema): string {
  const type = schema.type;
  if (typeof type === 'string') return type;
  if (Array.isArray(type)) return (type.find((t) => t !== 'null') as string | undefined) ?? 'null';
  if (schema.properties) return 'object';
  if (schema.items) return 'array';
  return 'string';
}

function mergeAll(schema: Schema, list: unknown[]): Schema {
  const merged: Schema = { ...schema, allOf: undefined };
  const properties: Schema = { ...asSchema(schema.properties) };
  const required = new Set<string>(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  for (const part of list.map(asSchema)) {
    Object.assign(properties, asSchema(part.properties));
    for (const key of Array.isArray(part.required) ? (part.required as string[]) : []) required.add(key);
    if (part.type && !merged.type) merged.type = part.type;
  }
  return { ...merged, properties, required: [...required] };
}

function resolveRef(root: Schema, ref: string): Schema {
  let node: unknown = root;
  for (const part of ref.slice(2).split('/').filter(Boolean)) {
    node = asSchema(node)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return asSchema(node);
}

function asSchema(value: unknown): Schema {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Schema) : {};
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' ? value : fallback;
}
