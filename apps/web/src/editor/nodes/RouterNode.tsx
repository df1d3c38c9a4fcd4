// The router node: classifies the task into one of its routes (always the fast tier).
import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { FlowNode } from '../flow-derive';
import { NodeShell } from './NodeShell';

export const RouterNode = memo(function RouterNode({ id, data, selected }: NodeProps<FlowNode<'router'>>) {
  return (
    <NodeShell
      id={id}
      kind="router"
      name={data.name}
      detail="fast"
      description={data.description}
      selected={selected}
    />
  );
});
