// What every edge kind shares: the path, its run state, a problem marker and a label in the middle.
import type { EdgeKind } from '@baton/contracts';
import { BaseEdge, EdgeLabelRenderer, type EdgeProps, getBezierPath } from '@xyflow/react';
import type { ReactNode } from 'react';
import { useDocument } from '../document-context';
import { problemText } from '../problems';
import { useEdgeRunState } from '../run-overlay';

export interface EdgeFrameProps {
  edge: Pick<EdgeProps, 'id' | 'sourceX' | 'sourceY' | 'targetX' | 'targetY' | 'sourcePosition' | 'targetPosition'>;
  kind: EdgeKind;
  selected: boolean;
  /** The label's content; the problem marker is added to it. */
  label?: ReactNode;
  /** Marker at the target end (an arrow), from React Flow's markerEnd prop. */
  markerEnd?: string;
}

export function EdgeFrame({ edge, kind, selected, label, markerEnd }: EdgeFrameProps) {
  const [path, labelX, labelY] = getBezierPath(edge);
  const run = useEdgeRunState(edge.id);
  const problem = useDocument((state) => problemText(state.problems.byEdge.get(edge.id)));
  const classes = ['baton-edge', `baton-edge--${kind}`];
  if (selected) classes.push('is-selected');
  if (problem) classes.push('has-problem');
  if (run) classes.push(`run-${run}`);
  const showLabel = label !== undefined || problem !== undefined;
  return (
    <>
      <BaseEdge id={edge.id} path={path} className={classes.join(' ')} markerEnd={markerEnd} interactionWidth={18} />
      {showLabel ? (
        <EdgeLabelRenderer>
          <div
            className={`baton-edge-label baton-edge-label--${kind}${selected ? ' is-selected' : ''} nodrag nopan`}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
            data-testid={`edge-label-${edge.id}`}
          >
            {label}
            {problem ? (
              <span className="baton-edge-label__problem" title={problem} role="img" aria-label={`Problem: ${problem}`}>
                !
              </span>
            ) : null}
          </div>
        </EdgeLabelRenderer>
      ) : null}
    </>
  );
}
