// The inspector: the form of the selected node or edge, or a short guide when nothing (or several) is selected.
import type { GraphEdge, GraphNode } from '@baton/contracts';
import { useDocument } from '../document-context';
import type { DocumentState } from '../document-store';
import { EDGE_KIND_LABEL } from '../edges/edge-labels';
import { WEB_NODE_KINDS } from '../kinds';
import { EdgeForm } from './EdgeForm';
import { NodeForm } from './NodeForm';

type Selected = GraphNode | GraphEdge | number | null;

/** The one selected node or edge (its object, stable while unchanged), the count when several, or null. */
function selectTarget(state: DocumentState): Selected {
  const { nodes, edges } = state.selection;
  const count = nodes.size + edges.size;
  if (count === 0) return null;
  if (count > 1) return count;
  const [nodeId] = nodes;
  if (nodeId) return state.document.nodes.find((node) => node.id === nodeId) ?? null;
  const [edgeId] = edges;
  return state.document.edges.find((edge) => edge.id === edgeId) ?? null;
}

export function Inspector() {
  const target = useDocument(selectTarget);
  return (
    <section className="inspector" data-testid="inspector" aria-label="Inspector">
      {target === null ? (
        <div className="inspector-empty">
          <h2 className="editor-section-title">Inspector</h2>
          <p className="editor-empty">Select a node or an edge to edit it. Drag between handles to connect nodes.</p>
        </div>
      ) : typeof target === 'number' ? (
        <div className="inspector-empty">
          <h2 className="editor-section-title">{target} selected</h2>
          <p className="editor-empty">Move, copy (Ctrl+C), duplicate (Ctrl+D) or delete them together.</p>
        </div>
      ) : 'data' in target ? (
        <div className="inspector-form" key={target.id}>
          <h2 className="editor-section-title">
            <span className={`inspector-kind baton-kind--${target.kind}`}>{WEB_NODE_KINDS[target.kind].icon}</span>
            {WEB_NODE_KINDS[target.kind].label}
          </h2>
          <NodeForm node={target} />
        </div>
      ) : (
        <div className="inspector-form" key={target.id}>
          <h2 className="editor-section-title">
            <span className={`connect-menu__swatch baton-edge-swatch--${target.kind}`} />
            {EDGE_KIND_LABEL[target.kind]} edge
          </h2>
          <EdgeForm edge={target} />
        </div>
      )}
    </section>
  );
}
