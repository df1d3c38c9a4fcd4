// Run views of this page, kept by run id: going back to a run resumes its stream after the last seq it has.
import { RunViewStore } from './run-store';

export interface RunView {
  store: RunViewStore;
  /** Set once the server has sent `end`: everything is in the store, no stream is needed again. */
  ended: boolean;
}

const KEEP = 8;
const views = new Map<string, RunView>();

export function runViewFor(runId: string): RunView {
  const existing = views.get(runId);
  if (existing) {
    // Most recently used last, so the oldest is the first to go.
    views.delete(runId);
    views.set(runId, existing);
    return existing;
  }
  const view: RunView = { store: new RunViewStore({ runId }), ended: false };
  views.set(runId, view);
  if (views.size > KEEP) views.delete(views.keys().next().value as string);
  return view;
}
