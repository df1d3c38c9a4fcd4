// The mesh node: a resizable group whose peers (specialists dropped inside it) talk until they agree.
import { type NodeProps, NodeResizer, type ResizeParams } from '@xyflow/react';
import { memo, useCallback } from 'react';
import { useDocument, useDocumentStore } from '../document-context';
import type { FlowNode } from '../flow-derive';
import { CheckedField, formatNumber, intParser, TextField, TierField } from '../inspector/fields';
import { NodeShell } from '../nodes/NodeShell';
import { KindIcon } from './icon';
import { handlesFor, type KindFieldsProps, type KindLook, type WebNodeKind } from './kind';

const MIN_SIZE = { width: 260, height: 160 };

const look: KindLook = {
  label: 'Mesh',
  article: 'a mesh',
  summary: 'Peers that talk until they agree',
  icon: (
    <KindIcon>
      <circle cx="6" cy="6" r="2.5" />
      <circle cx="18" cy="6" r="2.5" />
      <circle cx="12" cy="18" r="2.5" />
      <path d="M8.5 6h7M7.3 8.2l3.4 7.6M16.7 8.2l-3.4 7.6" strokeLinecap="round" />
    </KindIcon>
  ),
  handles: handlesFor('mesh'),
};

const MeshNode = memo(function MeshNode({ id, data, selected }: NodeProps<FlowNode<'mesh'>>) {
  const store = useDocumentStore();
  const resize = useCallback(
    (params: ResizeParams, resizing: boolean) =>
      store
        .getState()
        .resizeNode(id, { width: params.width, height: params.height }, { x: params.x, y: params.y }, resizing),
    [store, id],
  );
  const peers = useDocument((state) => countPeers(state.document.nodes, id));
  const rounds = `${data.maxRounds} round${data.maxRounds === 1 ? '' : 's'}`;
  return (
    <NodeShell
      id={id}
      kind="mesh"
      look={look}
      name={data.name}
      detail={`${data.tier} · ${rounds} · ${peers} peer${peers === 1 ? '' : 's'}`}
      description={data.description}
      selected={selected}
      className="baton-node--group"
    >
      <NodeResizer
        isVisible={selected}
        minWidth={MIN_SIZE.width}
        minHeight={MIN_SIZE.height}
        lineClassName="baton-resizer-line"
        handleClassName="baton-resizer-handle"
        onResize={(_event, params) => resize(params, true)}
        onResizeEnd={(_event, params) => resize(params, false)}
      />
      {peers === 0 ? <p className="baton-node__hint">Drop specialists here: they become the mesh's peers.</p> : null}
    </NodeShell>
  );
});

function countPeers(nodes: readonly { parentId?: string }[], meshId: string): number {
  let count = 0;
  for (const node of nodes) if (node.parentId === meshId) count++;
  return count;
}

const parseRounds = intParser(1, 20, 'Maximum rounds');

function MeshFields({ node, update }: KindFieldsProps<'mesh'>) {
  return (
    <>
      <TextField
        label="Synthesis instructions"
        value={node.data.instructions}
        onChange={(v) => update('instructions', v)}
        multiline
        hint="How the mesh turns its peers' final round into one answer."
      />
      <TierField value={node.data.tier} onChange={(v) => update('tier', v)} />
      <CheckedField
        label="Maximum rounds"
        value={node.data.maxRounds}
        parse={parseRounds}
        format={formatNumber}
        onChange={(v) => update('maxRounds', v)}
        inputMode="numeric"
        hint="The peers stop earlier when all agree."
        testId="field-max-rounds"
      />
    </>
  );
}

export const meshKind: WebNodeKind<'mesh'> = {
  ...look,
  Node: MeshNode,
  Fields: MeshFields,
  size: { width: 460, height: 280 },
  sized: true,
};
