// The engine's one door to JSON Schema: contract and output schemas compiled (safely, by @baton/contracts) and checked.
import {
  type CompiledJsonSchema,
  type CompileJsonSchemaResult,
  compileJsonSchema,
  type JsonSchemaIssue,
  validateJson,
} from '@baton/contracts';

export type CompiledSchema = CompileJsonSchemaResult;
export type PayloadIssue = JsonSchemaIssue;

/** Compiles a user's schema (no remote $ref, size and depth caps); never throws. Cached by @baton/contracts. */
export function compileSchema(schema: unknown): CompiledSchema {
  return compileJsonSchema(schema);
}

/** Every way `value` breaks the schema, each with its JSON path inside `value`. */
export function validateAgainst(compiled: CompiledJsonSchema, value: unknown): PayloadIssue[] {
  return validateJson(compiled, value);
}
