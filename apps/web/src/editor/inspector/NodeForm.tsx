// The inspector's form for a node: fields by kind, applied as you type, each field one undo step while focused.
import { assertNever, type GraphNode, MAX_REVISIONS, type ModelTier, Slug } from '@baton/contracts';
import { useCallback } from 'react';
import { useDocument, useDocumentStore } from '../document-context';
import type { Patch } from '../document-store';
import { unappliedKey } from '../unapplied-text';
import { CheckedField, formatNumber, intParser, SelectField, TextField } from './fields';
import { SchemaField } from './SchemaField';

const TIERS: readonly { value: ModelTier; label: string }[] = [
  { value: 'fast', label: 'Fast' },
  { value: 'balanced', label: 'Balanced' },
  { value: 'deep', label: 'Deep' },
];

const DEFAULT_OUTPUT_SCHEMA = {
  type: 'object',
  properties: { answer: { type: 'string' }, confidence: { type: 'number', minimum: 0, maximum: 1 } },
  required: ['answer', 'confidence'],
};

const parseName = (text: string): { ok: true; value: string } | { ok: false; error: string } => {
  const parsed = Slug.safeParse(text);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, error: parsed.error.issues[0]!.message };
};
const formatName = (name: string) => name;
const parseConcurrency = intParser(1, 1000, 'Concurrency');
const parseRevisions = intParser(0, MAX_REVISIONS, 'Maximum revisions');
const parseRounds = intParser(1, 20, 'Maximum rounds');

export function NodeForm({ node }: { node: GraphNode }) {
  const store = useDocumentStore();
  const id = node.id;
  const update = useCallback(
    (field: string, value: unknown) =>
      store.getState().updateNodeData(id, { [field]: value } as Patch, `${id}.${field}`),
    [store, id],
  );
  const otherNames = useDocument((state) => namesExcept(state.document.nodes, id));
  const duplicateWarning = useCallback(
    (name: string) => (otherNames.split('\n').includes(name) ? `Another node is already named "${name}".` : null),
    [otherNames],
  );
  const data = node.data;

  const common = (
    <>
      <CheckedField
        label="Name"
        value={data.name}
        parse={parseName}
        format={formatName}
        onChange={(value) => update('name', value)}
        warning={duplicateWarning}
        hint="A unique slug such as code_review: it is what models and people see."
        mono
        testId="field-name"
      />
      <TextField
        label="Description"
        value={data.description}
        onChange={(value) => update('description', value)}
        hint="One line: the orchestrator and router read it to choose."
        testId="field-description"
      />
    </>
  );
  const tier = (value: ModelTier) => (
    <SelectField
      label="Model tier"
      value={value}
      options={TIERS}
      onChange={(v) => update('tier', v)}
      testId="field-tier"
    />
  );

  switch (node.kind) {
    case 'input':
    case 'output':
      return common;
    case 'specialist': {
      const schema = node.data.outputSchema;
      const owner = {
        target: { kind: 'node' as const, id },
        field: ['data', 'outputSchema'],
        subject: `The output schema of the specialist "${data.name}"`,
      };
      return (
        <>
          {common}
          <TextField
            label="Instructions"
            value={node.data.instructions}
            onChange={(v) => update('instructions', v)}
            multiline
            rows={6}
            hint="The agent's system message."
            testId="field-instructions"
          />
          {tier(node.data.tier)}
          <label className="check-field">
            <input
              type="checkbox"
              checked={schema !== undefined}
              onChange={(event) => {
                // Without a schema, text typed into the schema box no longer matters.
                if (!event.target.checked) store.getState().setUnapplied(unappliedKey(owner.target, owner.field), null);
                update('outputSchema', event.target.checked ? DEFAULT_OUTPUT_SCHEMA : undefined);
              }}
              data-testid="field-structured"
            />
            Structured output (a JSON Schema the answer must match)
          </label>
          {schema ? (
            <SchemaField
              label="Output schema"
              value={schema}
              onChange={(v) => update('outputSchema', v)}
              testId="field-output-schema"
              owner={owner}
            />
          ) : null}
        </>
      );
    }
    case 'orchestrator':
      return (
        <>
          {common}
          <TextField
            label="Planning instructions"
            value={node.data.instructions}
            onChange={(v) => update('instructions', v)}
            multiline
            hint="How to break the task into subtasks for the workers."
          />
          <TextField
            label="Synthesis instructions"
            value={node.data.synthesisInstructions}
            onChange={(v) => update('synthesisInstructions', v)}
            multiline
            hint="How to combine the workers' results."
          />
          {tier(node.data.tier)}
          <CheckedField
            label="Concurrency"
            value={node.data.concurrency}
            parse={parseConcurrency}
            format={formatNumber}
            onChange={(v) => update('concurrency', v)}
            inputMode="numeric"
            hint="How many subtasks may run at once."
            testId="field-concurrency"
          />
        </>
      );
    case 'router':
      return (
        <>
          {common}
          <TextField
            label="Routing instructions"
            value={node.data.instructions}
            onChange={(v) => update('instructions', v)}
            multiline
            hint="Routers classify with the fast tier; the categories are the names of their route targets."
          />
        </>
      );
    case 'reviewer':
      return (
        <>
          {common}
          <TextField
            label="Review criteria"
            value={node.data.criteria}
            onChange={(v) => update('criteria', v)}
            multiline
            hint="What the reviewer checks the producer's draft for."
            testId="field-criteria"
          />
          {tier(node.data.tier)}
          <CheckedField
            label="Maximum revisions"
            value={node.data.maxRevisions}
            parse={parseRevisions}
            format={formatNumber}
            onChange={(v) => update('maxRevisions', v)}
            inputMode="numeric"
            testId="field-max-revisions"
          />
        </>
      );
    case 'mesh':
      return (
        <>
          {common}
          <TextField
            label="Synthesis instructions"
            value={node.data.instructions}
            onChange={(v) => update('instructions', v)}
            multiline
            hint="How the mesh turns its peers' final round into one answer."
          />
          {tier(node.data.tier)}
          <CheckedField
            label="Maximum rounds"
            value={node.data.maxRounds}
            parse={parseRounds}
            format={formatNumber}
            onChange={(v) => update('maxRounds', v)}
            inputMode="numeric"
            hint="The peers stop earlier when all agree."
            testId="field-max-rounds"
          />
        </>
      );
    default:
      return assertNever(node, 'node');
  }
}

/** The other nodes' names as one string, so the selector's result compares by value. */
function namesExcept(nodes: readonly GraphNode[], id: string): string {
  return nodes
    .filter((node) => node.id !== id)
    .map((node) => node.data.name)
    .join('\n');
}
