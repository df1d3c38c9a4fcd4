// The run views of one editor page, kept by run id: going back to a run resumes its stream after the last seq it has.
import { RunViewStore } from './run-view-store';

export interface RunView {
  store: RunViewStore;
  /** Set once the server has sent `end`: everything is in the store, no stream is needed again. */
  ended: boolean;
}

/** How many runs a page keeps; the least recently shown goes first. */
const KEEP = 8;

export class RunViewCache {
  private readonly views = new Map<string, RunView>();

  viewFor(runId: string): RunView {
    const existing = this.views.get(runId);
    if (existing) {
      // Most recently used last, so the oldest is the first to go.
      this.views.delete(runId);
      this.views.set(runId, existing);
      return existing;
    }
    const view: RunView = { store: new RunViewStore({ runId }), ended: false };
    this.views.set(runId, view);
    if (this.views.size > KEEP) this.views.delete(this.views.keys().next().value as string);
    return view;
  }
}
