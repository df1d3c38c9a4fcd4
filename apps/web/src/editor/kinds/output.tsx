// The output node: collects the run's result.
import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { FlowNode } from '../flow-derive';
import { NodeShell } from '../nodes/NodeShell';
import { KindIcon } from './icon';
import { DEFAULT_NODE_SIZE, handlesFor, type KindLook, type WebNodeKind } from './kind';

const look: KindLook = {
  label: 'Output',
  article: 'an output',
  summary: "Collects the run's result",
  icon: (
    <KindIcon>
      <path d="M4 4v16" strokeLinecap="round" />
      <path d="M8 12h12M15 7l5 5-5 5" strokeLinecap="round" strokeLinejoin="round" />
    </KindIcon>
  ),
  handles: handlesFor('output'),
};

const OutputNode = memo(function OutputNode({ id, data, selected }: NodeProps<FlowNode<'output'>>) {
  return (
    <NodeShell id={id} kind="output" look={look} name={data.name} description={data.description} selected={selected} />
  );
});

export const outputKind: WebNodeKind<'output'> = { ...look, Node: OutputNode, size: DEFAULT_NODE_SIZE };
