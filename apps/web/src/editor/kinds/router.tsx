// The router node: classifies the task into one of its routes (always the fast tier).
import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { FlowNode } from '../flow-derive';
import { TextField } from '../inspector/fields';
import { NodeShell } from '../nodes/NodeShell';
import { KindIcon } from './icon';
import { DEFAULT_NODE_SIZE, handlesFor, type KindFieldsProps, type KindLook, type WebNodeKind } from './kind';

const look: KindLook = {
  label: 'Router',
  article: 'a router',
  summary: 'Sends the task to one route',
  icon: (
    <KindIcon>
      <path d="M3 12h6l4-6h8M9 12l4 6h8" strokeLinecap="round" strokeLinejoin="round" />
      <path d="M18 3l3 3-3 3M18 15l3 3-3 3" strokeLinecap="round" strokeLinejoin="round" />
    </KindIcon>
  ),
  handles: handlesFor('router'),
};

const RouterNode = memo(function RouterNode({ id, data, selected }: NodeProps<FlowNode<'router'>>) {
  return (
    <NodeShell
      id={id}
      kind="router"
      look={look}
      name={data.name}
      detail="fast"
      description={data.description}
      selected={selected}
    />
  );
});

function RouterFields({ node, update }: KindFieldsProps<'router'>) {
  return (
    <TextField
      label="Routing instructions"
      value={node.data.instructions}
      onChange={(v) => update('instructions', v)}
      multiline
      hint="Routers classify with the fast tier; the categories are the names of their route targets."
    />
  );
}

export const routerKind: WebNodeKind<'router'> = {
  ...look,
  Node: RouterNode,
  Fields: RouterFields,
  size: DEFAULT_NODE_SIZE,
};
