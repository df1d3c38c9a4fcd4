// The engine's one door to JSON Schema: compiles contract and output schemas once per run and validates payloads.
import type { JsonPath } from '@baton/contracts';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';

// TEMPORARY until @baton/contracts exports compileJsonSchema/validateJson: a minimal Ajv compile behind this file only.
export type CompiledSchema = { ok: true; validate: ValidateFunction } | { ok: false; message: string };

export interface PayloadIssue {
  path: JsonPath;
  message: string;
}

export function compileSchema(schema: unknown): CompiledSchema {
  try {
    const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false, logger: false });
    return { ok: true, validate: ajv.compile(schema as object) };
  } catch (error) {
    return { ok: false, message: `The schema cannot be compiled: ${(error as Error).message}.` };
  }
}

export function validateAgainst(compiled: CompiledSchema & { ok: true }, value: unknown): PayloadIssue[] {
  if (compiled.validate(value)) return [];
  return (compiled.validate.errors ?? []).map((error) => ({
    path: error.instancePath
      .split('/')
      .slice(1)
      .map((part) => (/^\d+$/.test(part) ? Number(part) : part.replace(/~1/g, '/').replace(/~0/g, '~'))),
    message: error.message ?? 'is invalid',
  }));
}
