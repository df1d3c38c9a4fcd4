// The route edge: one category of a router; the fallback route carries a "fallback" tag.
import type { EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import type { FlowEdge } from '../flow-derive';
import { EdgeFrame } from './EdgeFrame';

export const RouteEdge = memo(function RouteEdge(props: EdgeProps<FlowEdge<'route'>>) {
  const label = props.data?.fallback ? <span className="baton-edge-tag">fallback</span> : undefined;
  return (
    <EdgeFrame edge={props} kind="route" selected={props.selected ?? false} label={label} markerEnd={props.markerEnd} />
  );
});
