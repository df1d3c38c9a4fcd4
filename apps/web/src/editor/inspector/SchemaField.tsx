// A JSON Schema editor: the text must be a JSON object to apply; whether it compiles is checked live (safe Ajv).
import { compileJsonSchema, type JsonSchemaObject } from '@baton/contracts';
import { useCallback, useMemo } from 'react';
import { CheckedField } from './fields';

const formatSchema = (schema: JsonSchemaObject) => JSON.stringify(schema, null, 2);

function parseSchema(text: string): { ok: true; value: JsonSchemaObject } | { ok: false; error: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `Not valid JSON yet: ${(error as Error).message}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, error: 'A JSON Schema is a JSON object, like {"type": "object"}.' };
  }
  return { ok: true, value: value as JsonSchemaObject };
}

export function SchemaField({
  label,
  value,
  onChange,
  hint,
  testId,
}: {
  label: string;
  value: JsonSchemaObject;
  onChange(value: JsonSchemaObject): void;
  hint?: string;
  testId?: string;
}) {
  // Compiling is the live check of the schema itself: a schema that does not compile is applied but flagged.
  const compileError = useMemo(() => {
    const compiled = compileJsonSchema(value);
    return compiled.ok ? null : `This schema does not compile: ${compiled.message}`;
  }, [value]);
  const warning = useCallback(() => compileError, [compileError]);
  return (
    <CheckedField
      label={label}
      value={value}
      parse={parseSchema}
      format={formatSchema}
      onChange={onChange}
      warning={warning}
      hint={hint ?? 'JSON Schema 2020-12.'}
      multiline
      rows={9}
      mono
      testId={testId}
    />
  );
}
