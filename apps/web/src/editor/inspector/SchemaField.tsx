// A JSON Schema editor: the text must be a JSON object to apply; whether it compiles is checked live (safe Ajv,
// loaded on demand: the warning follows a moment after the first schema shows). Text that does not apply is a
// problem of the graph (unapplied-text.ts), so the old schema never runs unnoticed.
import type { JsonPath, JsonSchemaObject } from '@baton/contracts';
import { useCallback, useMemo } from 'react';
import { useLazyModule } from '../../ui/lazy-module';
import { useDocumentStore } from '../document-context';
import { schemaChecks } from '../load-schema-checks';
import { type UnappliedText, unappliedKey } from '../unapplied-text';
import { CheckedField } from './fields';

const formatSchema = (schema: JsonSchemaObject) => JSON.stringify(schema, null, 2);

function parseSchema(text: string): { ok: true; value: JsonSchemaObject } | { ok: false; error: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `The text is not valid JSON (${(error as Error).message}).` };
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
  owner,
}: {
  label: string;
  value: JsonSchemaObject;
  onChange(value: JsonSchemaObject): void;
  hint?: string;
  testId?: string;
  /** The node or edge the schema belongs to, where in it, and how the problems list names it. */
  owner: { target: UnappliedText['target']; field: JsonPath; subject: string };
}) {
  const store = useDocumentStore();
  const key = unappliedKey(owner.target, owner.field);
  // Read once: from then on the field holds the text itself and reports it back.
  const initialText = useMemo(() => store.getState().unapplied.get(key)?.text, [store, key]);
  const subject = owner.subject;
  const onUnapplied = useCallback(
    (unapplied: { text: string; error: string } | null) => {
      store.getState().setUnapplied(
        key,
        unapplied && {
          target: owner.target,
          field: owner.field,
          text: unapplied.text,
          message: `${subject} cannot be applied: ${unapplied.error} Until it is fixed, the graph keeps the schema from before and cannot run.`,
        },
      );
    },
    [store, key, owner.target, owner.field, subject],
  );
  // Compiling is the live check of the schema itself: a schema that does not compile is applied but flagged.
  const compileError = useCompileError(value);
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
      initialText={initialText}
      onUnapplied={onUnapplied}
    />
  );
}

/** The compile error of `schema`: at once when the checks are in, else once they are (null until then). */
function useCompileError(schema: JsonSchemaObject): string | null {
  const checks = useLazyModule(schemaChecks);
  return useMemo(() => (checks ? checks.schemaCompileError(schema) : null), [checks, schema]);
}
