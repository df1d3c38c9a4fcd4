// JSON Schema 2020-12 for user data (contracts, output schemas): compiled safely with Ajv, errors as sentences.
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import { canonicalJson } from './canonical-json';
import { checkJsonValue, type JsonLimits } from './graph/guards';
import type { JsonPath } from './graph/issues';
import { type JsonSchemaIssue, jsonSchemaIssue } from './json-schema-messages';
import {
  linearPatternProblem,
  linearRegExp,
  PatternBudgetExceeded,
  patternsOf,
  withPatternBudget,
} from './json-schema-regexp';

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
  /**
   * What validating one value may cost: characters that the schema's patterns may read in all (each pattern test
   * reads its whole text, once per pattern that applies). Patterns run on RE2, linear in the text, at about 10 to
   * 40 ns a character here, so this keeps one validation's patterns under about 40 ms.
   */
  patternChars: 1_000_000,
  /** The value validated: its nesting (Ajv recurses with the value through `$ref`) and its size as JSON. */
  valueDepth: 128,
  valueBytes: 5 * 1024 * 1024,
} as const;

const VALUE_LIMITS: JsonLimits = {
  bytes: JSON_SCHEMA_LIMITS.valueBytes,
  depth: JSON_SCHEMA_LIMITS.valueDepth,
  subject: 'The value',
  noun: 'a value checked against a schema',
  protoKeys: 'allow',
};

export const JSON_SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';

export type CompiledJsonSchema = { ok: true; validate: ValidateFunction };
/** A schema that cannot be used: why, and where in the schema when one place is to blame (a pattern). */
export type CompileJsonSchemaResult = CompiledJsonSchema | { ok: false; message: string; path?: JsonPath };

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
  if (refused) return { ok: false, ...refused };
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

/**
 * Every way `value` breaks the schema, each with its JSON path inside `value` and a sentence; `[]` when valid.
 * Its cost is bounded: a value too deep or too large, or one whose patterns would read more than
 * `JSON_SCHEMA_LIMITS.patternChars`, is one issue that says so, never a long block.
 */
export function validateJson(compiled: CompiledJsonSchema, value: unknown): JsonSchemaIssue[] {
  const guarded = checkJsonValue(value, VALUE_LIMITS);
  if (!guarded.ok) return guarded.issues.map((issue) => ({ path: issue.path, message: issue.message }));
  let valid: boolean;
  try {
    valid = withPatternBudget(JSON_SCHEMA_LIMITS.patternChars, () => compiled.validate(value) as boolean);
  } catch (error) {
    if (!(error instanceof PatternBudgetExceeded)) throw error;
    return [{ path: [], message: PATTERN_BUDGET_MESSAGE }];
  }
  if (valid) return [];
  const errors = compiled.validate.errors ?? [];
  return errors.slice(0, JSON_SCHEMA_LIMITS.errors).map((error: ErrorObject) => jsonSchemaIssue(error, value));
}

const PATTERN_BUDGET_MESSAGE = `The value is too costly to check: the schema's patterns would have to read more than ${JSON_SCHEMA_LIMITS.patternChars.toLocaleString('en-US')} characters of it.`;

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
    // Patterns run on RE2 (linear time) instead of the backtracking RegExp: see json-schema-regexp.ts.
    code: { regExp: linearRegExp },
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
/** Keywords whose values map names to schemas: their keys are names, not keywords. */
const MAP_KEYWORDS = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']);
const REF_KEYWORDS = new Set(['$ref', '$dynamicRef', '$recursiveRef']);

type Refusal = { message: string; path?: JsonPath };
type Walked = { value: unknown; depth: number; path: JsonPath; role: 'schema' | 'map' | 'data' };

/**
 * Walks the schema iteratively (no recursion, so any nesting is safe) and says why it is refused, if it is, with
 * the path of the pattern to blame when a pattern is.
 */
function refuseUnsafe(schema: unknown): Refusal | undefined {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) {
    return { message: 'A schema must be a JSON object.' };
  }
  const stack: Walked[] = [{ value: schema, depth: 1, path: [], role: 'schema' }];
  while (stack.length > 0) {
    const { value, depth, path, role } = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (depth > JSON_SCHEMA_LIMITS.depth) {
      return { message: `The schema is nested too deeply: at most ${JSON_SCHEMA_LIMITS.depth} levels.` };
    }
    if (Array.isArray(value)) {
      value.forEach((item, index) => {
        stack.push({
          value: item,
          depth: depth + 1,
          path: [...path, index],
          role: role === 'data' ? 'data' : 'schema',
        });
      });
      continue;
    }
    if (role === 'schema') {
      const refused = refuseKeywords(value as Record<string, unknown>, path);
      if (refused) return refused;
    }
    for (const [key, member] of Object.entries(value)) {
      const childRole: Walked['role'] =
        role === 'data' || (role === 'schema' && DATA_KEYWORDS.has(key))
          ? 'data'
          : role === 'schema' && MAP_KEYWORDS.has(key)
            ? 'map'
            : 'schema';
      stack.push({ value: member, depth: depth + 1, path: [...path, key], role: childRole });
    }
  }
  return undefined;
}

/** The keywords of one schema object: references, the dialect, and patterns RE2 can take. */
function refuseKeywords(schema: Record<string, unknown>, path: JsonPath): Refusal | undefined {
  for (const key of REF_KEYWORDS) {
    const member = schema[key];
    if (Object.hasOwn(schema, key) && typeof member === 'string' && !member.startsWith('#')) {
      return {
        message: `The schema refers to "${member}": only references inside the schema (starting with "#") are allowed.`,
      };
    }
  }
  const dialect = schema.$schema;
  if (Object.hasOwn(schema, '$schema') && dialect !== JSON_SCHEMA_DIALECT && dialect !== `${JSON_SCHEMA_DIALECT}#`) {
    return {
      message: `The schema declares the dialect ${JSON.stringify(dialect)}: only JSON Schema 2020-12 is supported.`,
    };
  }
  for (const found of patternsOf(schema, path)) {
    if (found.pattern.length > JSON_SCHEMA_LIMITS.patternLength) {
      return {
        message: `A pattern is too long: at most ${JSON_SCHEMA_LIMITS.patternLength} characters.`,
        path: found.path,
      };
    }
    const problem = linearPatternProblem(found.pattern);
    if (problem) return { message: problem, path: found.path };
  }
  return undefined;
}
