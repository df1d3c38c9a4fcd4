// Checks JSON a person typed against a JSON Schema before it is sent: an escalation's edited payload against its
// contract, a run's input against the input node's schema. Parse first, then the schema (compiled safely, never eval).
import {
  compileJsonSchema,
  formatJsonPath,
  type HandoffContract,
  type JsonSchemaObject,
  type JsonValue,
  validateJson,
} from '@baton/contracts';

export type JsonCheck = { ok: true; value: JsonValue } | { ok: false; problems: string[] };

/** Parses `text` and, with a schema, validates it; every problem as a sentence with its JSON path. */
export function checkJsonText(text: string, schema: JsonSchemaObject | undefined, what = 'schema'): JsonCheck {
  let value: JsonValue;
  try {
    value = JSON.parse(text) as JsonValue;
  } catch (error) {
    return { ok: false, problems: [`Not valid JSON: ${error instanceof Error ? error.message : String(error)}`] };
  }
  if (schema === undefined) return { ok: true, value };
  const compiled = compileJsonSchema(schema);
  if (!compiled.ok) return { ok: false, problems: [`The ${what} cannot be used: ${compiled.message}`] };
  const issues = validateJson(compiled, value);
  if (issues.length > 0) return { ok: false, problems: issues.map((i) => `${formatJsonPath(i.path)}: ${i.message}`) };
  return { ok: true, value };
}

/** An escalation's edited payload, checked against the contract of its handoff. */
export function checkEditedPayload(contract: HandoffContract, text: string): JsonCheck {
  return checkJsonText(text, contract.schema, "contract's schema");
}
