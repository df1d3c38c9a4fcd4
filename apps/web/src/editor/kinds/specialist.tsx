// The specialist node: one agent with instructions; inside a mesh it is a peer and takes no edges.
import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useDocumentStore } from '../document-context';
import type { FlowNode } from '../flow-derive';
import { TextField, TierField } from '../inspector/fields';
import { SchemaField } from '../inspector/SchemaField';
import { NodeShell } from '../nodes/NodeShell';
import { ToolChips } from '../nodes/ToolChips';
import { useToolsSlot } from '../tools-slot';
import { unappliedKey } from '../unapplied-text';
import { KindIcon } from './icon';
import { DEFAULT_NODE_SIZE, handlesFor, type KindFieldsProps, type KindLook, type WebNodeKind } from './kind';

const look: KindLook = {
  label: 'Specialist',
  article: 'a specialist',
  summary: 'One agent with instructions',
  icon: (
    <KindIcon>
      <circle cx="12" cy="8" r="4" />
      <path d="M4.5 20c1.2-4 4.2-6 7.5-6s6.3 2 7.5 6" strokeLinecap="round" />
    </KindIcon>
  ),
  handles: handlesFor('specialist'),
};

const SpecialistNode = memo(function SpecialistNode({
  id,
  data,
  selected,
  parentId,
}: NodeProps<FlowNode<'specialist'>>) {
  const detail = data.outputSchema ? `${data.tier} · structured` : data.tier;
  return (
    <NodeShell
      id={id}
      kind="specialist"
      look={look}
      name={data.name}
      detail={detail}
      description={data.description}
      selected={selected}
      isPeer={parentId !== undefined}
    >
      <ToolChips tools={data.tools} />
    </NodeShell>
  );
});

/** The schema a specialist starts with when "Structured output" is ticked. */
const DEFAULT_OUTPUT_SCHEMA = {
  type: 'object',
  properties: { answer: { type: 'string' }, confidence: { type: 'number', minimum: 0, maximum: 1 } },
  required: ['answer', 'confidence'],
};

function SpecialistFields({ node, update }: KindFieldsProps<'specialist'>) {
  const store = useDocumentStore();
  // The editor's Tools section (list, approval, picker), loaded lazily: see tools-slot.ts.
  const Tools = useToolsSlot();
  const schema = node.data.outputSchema;
  const owner = {
    target: { kind: 'node' as const, id: node.id },
    field: ['data', 'outputSchema'],
    subject: `The output schema of the specialist "${node.data.name}"`,
  };
  return (
    <>
      <TextField
        label="Instructions"
        value={node.data.instructions}
        onChange={(v) => update('instructions', v)}
        multiline
        rows={6}
        hint="The agent's system message."
        testId="field-instructions"
      />
      <TierField value={node.data.tier} onChange={(v) => update('tier', v)} />
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
      <Tools
        node={node}
        // No coalescing key: adding, removing or switching approval is one undo step each, as a click should be.
        onChange={(tools) => store.getState().updateNodeData(node.id, { tools })}
      />
    </>
  );
}

export const specialistKind: WebNodeKind<'specialist'> = {
  ...look,
  Node: SpecialistNode,
  Fields: SpecialistFields,
  size: DEFAULT_NODE_SIZE,
};
