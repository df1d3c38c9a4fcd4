// The mesh node: a resizable group whose peers (specialists dropped inside it) talk until they agree.
import { type NodeProps, NodeResizer, type ResizeParams } from '@xyflow/react';
import { memo, useCallback } from 'react';
import { useDocument, useDocumentStore } from '../document-context';
import type { FlowNode } from '../flow-derive';
import { NodeShell } from './NodeShell';

const MIN_SIZE = { width: 260, height: 160 };

export const MeshNode = memo(function MeshNode({ id, data, selected }: NodeProps<FlowNode<'mesh'>>) {
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
