// Which run the editor is showing: one slot that the canvas hooks and the run panel share, outside React.
import type { EdgeRunState, NodeRunStatus, RunViewStore } from './run-store';

/**
 * Holds the run view on display and forwards its notifications, so a subscriber (a canvas node) subscribes
 * once and keeps working when the panel switches to another run.
 */
class ShownRun {
  private store: RunViewStore | null = null;
  private unsubscribeStore: (() => void) | null = null;
  private readonly listeners = new Set<() => void>();

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

  edgeState(edgeId: string): EdgeRunState | undefined {
    return this.store?.edgeState(edgeId);
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}

export const shownRun = new ShownRun();
