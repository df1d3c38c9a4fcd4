// Checks a payload against a handoff contract's schema, for the server (an edited escalation) and the engine alike.
import type { HandoffContract, JsonPath } from '@baton/contracts';
import { compileSchema, validateAgainst } from './schema';

export type HandoffValidation = { ok: true } | { ok: false; errors: { path: JsonPath; message: string }[] };

export function validateHandoffPayload(contract: HandoffContract, payload: unknown): HandoffValidation {
  const compiled = compileSchema(contract.schema);
  if (!compiled.ok) return { ok: false, errors: [{ path: [], message: compiled.message }] };
  const errors = validateAgainst(compiled, payload);
  return errors.length === 0 ? { ok: true } : { ok: false, errors };
}
