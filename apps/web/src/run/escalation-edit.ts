// Checks a person's edit of an escalated payload against the contract before it is sent: parse, then the schema.
import {
  compileJsonSchema,
  formatJsonPath,
  type HandoffContract,
  type JsonValue,
  validateJson,
} from '@baton/contracts';

export type EditCheck = { ok: true; payload: JsonValue } | { ok: false; problems: string[] };

export function checkEditedPayload(contract: HandoffContract, text: string): EditCheck {
  let payload: JsonValue;
  try {
    payload = JSON.parse(text) as JsonValue;
  } catch (error) {
    return { ok: false, problems: [`Not valid JSON: ${error instanceof Error ? error.message : String(error)}`] };
  }
  const compiled = compileJsonSchema(contract.schema);
  if (!compiled.ok) return { ok: false, problems: [`The contract's schema cannot be used: ${compiled.message}`] };
  const issues = validateJson(compiled, payload);
  if (issues.length > 0) return { ok: false, problems: issues.map((i) => `${formatJsonPath(i.path)}: ${i.message}`) };
  return { ok: true, payload };
}
