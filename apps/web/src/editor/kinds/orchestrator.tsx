// The orchestrator node: plans subtasks over the workers on its dispatch handle, then synthesises their results.
import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { FlowNode } from '../flow-derive';
import { CheckedField, formatNumber, intParser, TextField, TierField } from '../inspector/fields';
import { NodeShell } from '../nodes/NodeShell';
import { KindIcon } from './icon';
import { DEFAULT_NODE_SIZE, handlesFor, type KindFieldsProps, type KindLook, type WebNodeKind } from './kind';

const look: KindLook = {
  label: 'Orchestrator',
  article: 'an orchestrator',
  summary: 'Plans subtasks for its workers',
  icon: (
    <KindIcon>
      <circle cx="12" cy="5" r="2.5" />
      <circle cx="5" cy="19" r="2.5" />
      <circle cx="12" cy="19" r="2.5" />
      <circle cx="19" cy="19" r="2.5" />
      <path d="M12 7.5v9M12 10l-6 6.5M12 10l6 6.5" strokeLinecap="round" />
    </KindIcon>
  ),
  handles: handlesFor('orchestrator'),
};

const OrchestratorNode = memo(function OrchestratorNode({ id, data, selected }: NodeProps<FlowNode<'orchestrator'>>) {
  return (
    <NodeShell
      id={id}
      kind="orchestrator"
      look={look}
      name={data.name}
      detail={`${data.tier} · ${data.concurrency} at once`}
      description={data.description}
      selected={selected}
    />
  );
});

const parseConcurrency = intParser(1, 1000, 'Concurrency');

function OrchestratorFields({ node, update }: KindFieldsProps<'orchestrator'>) {
  return (
    <>
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
      <TierField value={node.data.tier} onChange={(v) => update('tier', v)} />
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
}

export const orchestratorKind: WebNodeKind<'orchestrator'> = {
  ...look,
  Node: OrchestratorNode,
  Fields: OrchestratorFields,
  size: DEFAULT_NODE_SIZE,
};
