// The frame every node kind shares: icon, name, kind and tier, run status, problem marker and typed handles.
import { edgeKindsBetween, type NodeKind } from '@baton/contracts';
import { type ConnectionState, Handle, Position, useConnection } from '@xyflow/react';
import { memo, type ReactNode } from 'react';
import { useDocument } from '../document-context';
import { EDGE_KIND_LABEL } from '../edges/edge-labels';
import { HANDLE, type HandleSpec, type KindLook } from '../kinds/kind';
import { problemText } from '../problems';
import { useNodeRunStatus } from '../run-overlay';

const SIDE = { left: Position.Left, right: Position.Right, top: Position.Top, bottom: Position.Bottom } as const;

export interface NodeShellProps {
  id: string;
  kind: NodeKind;
  /** The kind's label, icon and handles, from its file in `kinds/`. */
  look: KindLook;
  name: string;
  /** A short second line: the tier, "fast · router", "3 rounds"... */
  detail?: string;
  description?: string;
  selected: boolean;
  /** Peers of a mesh take no edges. */
  isPeer?: boolean;
  className?: string;
  children?: ReactNode;
}

/** While an edge is being drawn, the kind and handle it starts from; a string so nodes re-render only when it changes. */
function connectingFrom(connection: ConnectionState): string | null {
  if (!connection.inProgress) return null;
  return `${connection.fromNode.id}|${connection.fromNode.type}|${connection.fromHandle.type}|${connection.fromHandle.id}`;
}

/** Whether a node of `kind` could be the other end of the connection being drawn (the edge table only). */
function acceptsConnection(from: string, id: string, kind: NodeKind, isPeer: boolean): boolean {
  const [fromId, fromKind, handleType, handleId] = from.split('|') as [string, NodeKind, string, string];
  if (fromId === id || isPeer) return false;
  if (handleId === HANDLE.dispatch) return kind === 'specialist';
  if (handleId === HANDLE.worker) return kind === 'orchestrator';
  const kinds = handleType === 'source' ? edgeKindsBetween(fromKind, kind) : edgeKindsBetween(kind, fromKind);
  return kinds.length > 0;
}

export const NodeShell = memo(function NodeShell(props: NodeShellProps) {
  const { id, kind, look: meta, name, detail, description, selected, isPeer = false, className, children } = props;
  const status = useNodeRunStatus(id);
  const problem = useDocument((state) => problemText(state.problems.byNode.get(id)));
  const from = useConnection(connectingFrom);
  const target = from === null ? undefined : acceptsConnection(from, id, kind, isPeer) ? 'valid' : 'invalid';

  const classes = ['baton-node', `baton-node--${kind}`];
  if (selected) classes.push('is-selected');
  if (problem) classes.push('has-problem');
  if (target) classes.push(`connect-${target}`);
  if (className) classes.push(className);

  return (
    <div className={classes.join(' ')} data-testid={`node-${id}`} data-status={status ?? undefined} data-kind={kind}>
      <div className="baton-node__header">
        <span className="baton-node__icon">{meta.icon}</span>
        <div className="baton-node__titles">
          <span className="baton-node__name" title={name}>
            {name}
          </span>
          {/* The status shares the second line with the kind, so that it never takes width from the name. */}
          <span className="baton-node__meta">
            <span className="baton-node__kind">
              {meta.label}
              {detail ? ` · ${detail}` : ''}
            </span>
            {status ? (
              <span
                className={`baton-node__status status-${status}`}
                title={`Run status: ${status}`}
                data-testid="node-status"
              >
                {status}
              </span>
            ) : null}
          </span>
        </div>
        {problem ? (
          <span className="baton-node__problem" title={problem} role="img" aria-label={`Problem: ${problem}`}>
            !
          </span>
        ) : null}
      </div>
      {description ? <p className="baton-node__description">{description}</p> : null}
      {children}
      {isPeer ? null : meta.handles.map((handle) => <TypedHandle key={handle.id} spec={handle} />)}
    </div>
  );
});

function TypedHandle({ spec }: { spec: HandleSpec }) {
  const title = `${spec.type === 'source' ? 'Out' : 'In'}: ${spec.kinds.map((kind) => EDGE_KIND_LABEL[kind]).join(', ')}`;
  return (
    <Handle
      id={spec.id}
      type={spec.type}
      position={SIDE[spec.side]}
      className={`baton-handle baton-handle--${spec.kinds[0]}`}
      title={title}
    />
  );
}
