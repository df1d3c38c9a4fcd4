// Undo/redo over immutable document snapshots, with coalescing so one typed field or one drag is one step.

/** Snapshots are whole documents: updates share structure, so keeping many of them is cheap. */
export interface History<T> {
  past: readonly T[];
  future: readonly T[];
  /** The coalesce key of the last recorded change; a change with the same key extends that step. */
  openKey: string | null;
}

/** How many steps undo can go back; older ones are dropped. */
export const HISTORY_LIMIT = 300;

export function emptyHistory<T>(): History<T> {
  return { past: [], future: [], openKey: null };
}

/**
 * Records that `previous` was replaced by a new present. With a `coalesceKey` equal to the open step's key,
 * the change joins that step (the first snapshot of the step stays the undo target).
 */
export function record<T>(history: History<T>, previous: T, coalesceKey?: string): History<T> {
  if (coalesceKey !== undefined && coalesceKey === history.openKey) {
    return { past: history.past, future: [], openKey: coalesceKey };
  }
  const past = history.past.length >= HISTORY_LIMIT ? history.past.slice(1) : history.past;
  return { past: [...past, previous], future: [], openKey: coalesceKey ?? null };
}

/** Ends the open step, so the next change with the same key starts a new one (a field lost focus, a drag ended). */
export function closeStep<T>(history: History<T>): History<T> {
  return history.openKey === null ? history : { ...history, openKey: null };
}

export function undo<T>(history: History<T>, present: T): { history: History<T>; present: T } | null {
  const previous = history.past.at(-1);
  if (previous === undefined) return null;
  return {
    history: { past: history.past.slice(0, -1), future: [...history.future, present], openKey: null },
    present: previous,
  };
}

export function redo<T>(history: History<T>, present: T): { history: History<T>; present: T } | null {
  const next = history.future.at(-1);
  if (next === undefined) return null;
  return {
    history: { past: [...history.past, present], future: history.future.slice(0, -1), openKey: null },
    present: next,
  };
}
