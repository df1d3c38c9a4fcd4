// The handoff edge: the source's output is the target's input; shows its contract's name and minimum confidence.
import type { EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import type { FlowEdge } from '../flow-derive';
import { EdgeFrame } from './EdgeFrame';

export const HandoffEdge = memo(function HandoffEdge(props: EdgeProps<FlowEdge<'handoff'>>) {
  const contract = props.data?.contract;
  const label = contract ? (
    <span
      className="baton-contract"
      title={`Contract "${contract.name}": below ${contract.requiredConfidence} → ${contract.onLowConfidence}`}
    >
      <span className="baton-contract__name">{contract.name}</span>
      {contract.requiredConfidence > 0 ? (
        <span className="baton-contract__confidence">≥ {formatConfidence(contract.requiredConfidence)}</span>
      ) : null}
    </span>
  ) : undefined;
  return (
    <EdgeFrame
      edge={props}
      kind="handoff"
      selected={props.selected ?? false}
      label={label}
      markerEnd={props.markerEnd}
    />
  );
});

function formatConfidence(value: number): string {
  return value.toFixed(2).replace(/0$/, '');
}
