// The input node: where a run starts, with the goal.
import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { FlowNode } from '../flow-derive';
import { NodeShell } from '../nodes/NodeShell';
import { KindIcon } from './icon';
import { DEFAULT_NODE_SIZE, handlesFor, type KindLook, type WebNodeKind } from './kind';

const look: KindLook = {
  label: 'Input',
  article: 'an input',
  summary: 'Where a run starts: the goal',
  icon: (
    <KindIcon>
      <path d="M4 12h12M12 7l5 5-5 5" strokeLinecap="round" strokeLinejoin="round" />
      <path d="M20 4v16" strokeLinecap="round" />
    </KindIcon>
  ),
  handles: handlesFor('input'),
};

const InputNode = memo(function InputNode({ id, data, selected }: NodeProps<FlowNode<'input'>>) {
  return (
    <NodeShell id={id} kind="input" look={look} name={data.name} description={data.description} selected={selected} />
  );
});

export const inputKind: WebNodeKind<'input'> = {
  ...look,
  Node: InputNode,
  seed: { description: 'The goal of the run.' },
  size: DEFAULT_NODE_SIZE,
};
