// The output node: collects the run's result.
import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { FlowNode } from '../flow-derive';
import { NodeShell } from './NodeShell';

export const OutputNode = memo(function OutputNode({ id, data, selected }: NodeProps<FlowNode<'output'>>) {
  return <NodeShell id={id} kind="output" name={data.name} description={data.description} selected={selected} />;
});
