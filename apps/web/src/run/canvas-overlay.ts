// The run overlay the canvas draws: which run the editor page shows, as node statuses and edge states.
import type { GraphEdge } from '@baton/contracts';
import type { EdgeRunState, NodeRunStatus, RunOverlay } from '../editor/run-overlay';
import type { RunViewStore } from './run-view-store';

type EdgeEnds = Pick<GraphEdge, 'kind' | 'source' | 'target'>;

/**
 * Holds the run view on display and forwards its notifications, so a subscriber (a canvas node) subscribes
 * once and keeps working when the panel switches to another run. One per editor page (`RunSessionProvider`).
 */
export class CanvasRunOverlay implements RunOverlay {
  private store: RunViewStore | null = null;
  private unsubscribeStore: (() => void) | null = null;
  private readonly listeners = new Set<() => void>();
  /** The canvas's edges, so that edges no handoff event names (dispatch, route) still show the work on them. */
  private edges = new Map<string, EdgeEnds>();

  get current(): RunViewStore | null {
    return this.store;
  }

  show(store: RunViewStore | null): void {
    if (store === this.store) return;
    this.unsubscribeStore?.();
    this.store = store;
    this.unsubscribeStore = store ? store.subscribe(() => this.notify()) : null;
    this.notify();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  nodeStatus(nodeId: string): NodeRunStatus | undefined {
    return this.store?.nodeStatus(nodeId);
  }

  /** Tells the run view which edges the canvas has (call again when they change). */
  setEdges(edges: readonly GraphEdge[]): void {
    this.edges = new Map(edges.map((edge) => [edge.id, { kind: edge.kind, source: edge.source, target: edge.target }]));
    this.notify();
  }

  edgeState(edgeId: string): EdgeRunState | undefined {
    const store = this.store;
    if (!store) return undefined;
    const fromEvents = store.edgeState(edgeId);
    if (fromEvents !== undefined) return fromEvents;
    // A dispatch edge carries a subtask to its worker, a route edge the routed task to its target: the edge is
    // busy while the target works on it, and done after. Handoff edges have their own events.
    const edge = this.edges.get(edgeId);
    if (!edge || edge.kind === 'handoff' || edge.kind === 'review') return undefined;
    const target = store.nodeStatus(edge.target);
    if (target === 'running') return store.isLive() ? 'active' : undefined;
    if (target === 'completed') return 'done';
    return undefined;
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}
