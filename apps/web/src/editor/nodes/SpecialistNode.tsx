// The specialist node: one agent; inside a mesh it is a peer and takes no edges.
import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { FlowNode } from '../flow-derive';
import { NodeShell } from './NodeShell';

export const SpecialistNode = memo(function SpecialistNode({
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
      name={data.name}
      detail={detail}
      description={data.description}
      selected={selected}
      isPeer={parentId !== undefined}
    />
  );
});
