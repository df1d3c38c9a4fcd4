// The review edge (dotted): the reviewer critiques this producer's drafts.
import type { EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import type { FlowEdge } from '../flow-derive';
import { EdgeFrame } from './EdgeFrame';

export const ReviewEdge = memo(function ReviewEdge(props: EdgeProps<FlowEdge<'review'>>) {
  const label = <span className="baton-edge-tag baton-edge-tag--review">review</span>;
  return (
    <EdgeFrame
      edge={props}
      kind="review"
      selected={props.selected ?? false}
      label={label}
      markerEnd={props.markerEnd}
    />
  );
});
