// The reviewer node: critiques its producer's drafts up to a number of revisions.
import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { FlowNode } from '../flow-derive';
import { NodeShell } from './NodeShell';

export const ReviewerNode = memo(function ReviewerNode({ id, data, selected }: NodeProps<FlowNode<'reviewer'>>) {
  const revisions = `${data.maxRevisions} revision${data.maxRevisions === 1 ? '' : 's'}`;
  return (
    <NodeShell
      id={id}
      kind="reviewer"
      name={data.name}
      detail={`${data.tier} · ${revisions}`}
      description={data.description}
      selected={selected}
    />
  );
});
