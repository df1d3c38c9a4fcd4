// The orchestrator node: plans subtasks over the workers on its dispatch handle.
import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { FlowNode } from '../flow-derive';
import { NodeShell } from './NodeShell';

export const OrchestratorNode = memo(function OrchestratorNode({
  id,
  data,
  selected,
}: NodeProps<FlowNode<'orchestrator'>>) {
  return (
    <NodeShell
      id={id}
      kind="orchestrator"
      name={data.name}
      detail={`${data.tier} · ${data.concurrency} at once`}
      description={data.description}
      selected={selected}
    />
  );
});
