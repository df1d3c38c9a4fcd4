// The input node: where a run starts.
import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { FlowNode } from '../flow-derive';
import { NodeShell } from './NodeShell';

export const InputNode = memo(function InputNode({ id, data, selected }: NodeProps<FlowNode<'input'>>) {
  return <NodeShell id={id} kind="input" name={data.name} description={data.description} selected={selected} />;
});
