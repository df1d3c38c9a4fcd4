// The dispatch edge (dashed): the target is one of the orchestrator's workers.
import type { EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import type { FlowEdge } from '../flow-derive';
import { EdgeFrame } from './EdgeFrame';

export const DispatchEdge = memo(function DispatchEdge(props: EdgeProps<FlowEdge<'dispatch'>>) {
  return <EdgeFrame edge={props} kind="dispatch" selected={props.selected ?? false} markerEnd={props.markerEnd} />;
});
