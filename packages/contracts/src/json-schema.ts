// JSON Schema 2020-12 for user data (contracts, output schemas): compiled safely with Ajv, errors as sentences.
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import { canonicalJson } from './canonical-json';
import { type JsonSchemaIssue, jsonSchemaIssue } from './json-schema-messages';

export type { JsonSchemaIssue } from './json-schema-messages';

/** Caps that keep a schema written by anyone from exhausting the engine, the server or the browser. */
export const JSON_SCHEMA_LIMITS = {
  /** Characters of the schema's canonical JSON. */
  chars: 64 * 1024,
  /** Nesting of objects and arrays inside the schema. */
  depth: 32,
  /** Characters of one regular expression (`pattern`, `patternProperties`). */
  patternLength: 1000,
  /** Errors `validateJson` reports for one value. */
  errors: 100,
} as const;

export const JSON_SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';

export type CompiledJsonSchema = { ok: true; validate: ValidateFunction };
export type CompileJsonSchemaResult = CompiledJsonSchema | { ok: false; message: string };

/** Only meta-validates schemas: it never compiles or keeps a user's schema, so `$id`s cannot collide in it. */
let metaValidator: Ajv2020 | undefined;
const cache = new Map<string, CompileJsonSchemaResult>();
const CACHE_SIZE = 500;

/**
 * Compiles a JSON Schema 2020-12 written by a user. Refuses remote references (`$ref` must start with `#`),
 * other dialects, schemas over the size and depth caps and invalid schemas, with one sentence saying why.
 * Unknown keywords are ignored and `format` is an annotation only (no format is checked), as 2020-12 allows.
 * Never throws for bad input; results are cached by the schema's canonical JSON.
 */
export function compileJsonSchema(schema: unknown): CompileJsonSchemaResult {
  const refused = refuseUnsafe(schema);
  if (refused) return { ok: false, message: refused };
  const key = canonicalJson(schema);
  if (key.length > JSON_SCHEMA_LIMITS.chars) {
    return { ok: false, message: `The schema is too large: at most ${JSON_SCHEMA_LIMITS.chars} characters of JSON.` };
  }
  const cached = cache.get(key);
  if (cached) return cached;
  const result = compileFresh(JSON.parse(key) as object);
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  cache.set(key, result);
  return result;
}

/** Every way `value` breaks the schema, each with its JSON path inside `value` and a sentence; `[]` when valid. */
export function validateJson(compiled: CompiledJsonSchema, value: unknown): JsonSchemaIssue[] {
  if (compiled.validate(value)) return [];
  const errors = compiled.validate.errors ?? [];
  return errors.slice(0, JSON_SCHEMA_LIMITS.errors).map((error: ErrorObject) => jsonSchemaIssue(error, value));
}

function compileFresh(schema: object): CompileJsonSchemaResult {
  metaValidator ??= new Ajv2020({ strict: false, logger: false });
  if (!metaValidator.validateSchema(schema)) {
    const first = metaValidator.errors?.[0];
    const where = first?.instancePath ? ` at ${first.instancePath}` : '';
    return {
      ok: false,
      message: `The schema is not valid JSON Schema 2020-12${where}: ${first?.message ?? 'invalid'}.`,
    };
  }
  // A fresh instance per schema: nothing a user's schema declares (`$id`, `$anchor`) can meet another one's.
  const ajv = new Ajv2020({
    strict: false,
    meta: false,
    validateSchema: false,
    validateFormats: false,
    allErrors: true,
    ownProperties: true,
    addUsedSchema: false,
    logger: false,
  });
  try {
    return { ok: true, validate: ajv.compile(schema) };
  } catch (error) {
    return { ok: false, message: `The schema cannot be compiled: ${(error as Error).message}.` };
  }
}

/** Keywords whose values are data, not schemas: a `$ref` inside them is just text. */
const DATA_KEYWORDS = new Set(['enum', 'const', 'default', 'examples']);
const REF_KEYWORDS = new Set(['$ref', '$dynamicRef', '$recursiveRef']);

/** Walks the schema iteratively (no recursion, so any nesting is safe) and says why it is refused, if it is. */
function refuseUnsafe(schema: unknown): string | undefined {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) {
    return 'A schema must be a JSON object.';
  }
  const stack: { value: unknown; depth: number; data: boolean }[] = [{ value: schema, depth: 1, data: false }];
  while (stack.length > 0) {
    const { value, depth, data } = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (depth > JSON_SCHEMA_LIMITS.depth) {
      return `The schema is nested too deeply: at most ${JSON_SCHEMA_LIMITS.depth} levels.`;
    }
    if (Array.isArray(value)) {
      for (const item of value) stack.push({ value: item, depth: depth + 1, data });
      continue;
    }
    for (const [key, member] of Object.entries(value)) {
      if (data) {
        stack.push({ value: member, depth: depth + 1, data });
        continue;
      }
      if (REF_KEYWORDS.has(key) && typeof member === 'string' && !member.startsWith('#')) {
        return `The schema refers to "${member}": only references inside the schema (starting with "#") are allowed.`;
      }
      if (key === '$schema' && member !== JSON_SCHEMA_DIALECT && member !== `${JSON_SCHEMA_DIALECT}#`) {
        return `The schema declares the dialect ${JSON.stringify(member)}: only JSON Schema 2020-12 is supported.`;
      }
      if (key === 'pattern' && typeof member === 'string' && member.length > JSON_SCHEMA_LIMITS.patternLength) {
        return `A pattern is too long: at most ${JSON_SCHEMA_LIMITS.patternLength} characters.`;
      }
      if (key === 'patternProperties' && typeof member === 'object' && member !== null) {
        if (Object.keys(member).some((pattern) => pattern.length > JSON_SCHEMA_LIMITS.patternLength)) {
          return `A pattern is too long: at most ${JSON_SCHEMA_LIMITS.patternLength} characters.`;
        }
      }
      // Under enum, const, default and examples is data, not schema: only its depth matters.
      stack.push({ value: member, depth: depth + 1, data: DATA_KEYWORDS.has(key) });
    }
  }
  return undefined;
}
