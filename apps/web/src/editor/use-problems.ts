// Runs parseGraph (debounced) as the document changes and puts the problems in the store; tells the page of every
// change of the problems, whichever way they changed. The checks load on demand (load-schema-checks.ts): the first
// check waits for their chunk, later ones find it in.
import type { GraphIssue } from '@baton/contracts';
import { useEffect, useRef } from 'react';
import { whenIdle } from '../ui/when-idle';
import type { DocumentStore } from './document-store';
import { type SchemaChecks, schemaChecks } from './load-schema-checks';

/** Typing should not re-validate on every key: wait this long after the last change. */
export const VALIDATION_DELAY_MS = 200;

export function useProblems(store: DocumentStore, onProblemsChange?: (issues: GraphIssue[]) => void): void {
  const callback = useRef(onProblemsChange);
  callback.current = onProblemsChange;

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let validated: unknown = null;
    let live = true;
    const validate = async () => {
      timer = undefined;
      let checks: SchemaChecks;
      try {
        checks = await schemaChecks.load();
      } catch {
        // The chunk did not load: the problems stay as they were until the next change asks again.
        return;
      }
      // The document is read once the checks are in: a change made meanwhile is the one to check.
      const { document } = store.getState();
      if (!live || document === validated) return;
      validated = document;
      store.getState().setProblems(checks.findProblems(document).all);
    };
    // Problems change with the document (validated here) and with fields' unapplied text (set by the fields).
    const unsubscribeProblems = store.subscribe((state, previous) => {
      if (state.problems !== previous.problems) callback.current?.([...state.problems.all]);
    });
    // The first check waits until the browser is idle: opening a graph draws it first. parseGraph of 2,000 nodes
    // takes about 100 ms, and loading the checks' chunk more; a fixed delay was not enough on a busy machine, where
    // drawing the canvas took longer than the delay and the check ran in front of its first frame.
    const cancelFirst = whenIdle(() => void validate());
    callback.current?.([...store.getState().problems.all]);
    const unsubscribeDocument = store.subscribe((state, previous) => {
      if (state.document === previous.document) return;
      cancelFirst();
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void validate(), VALIDATION_DELAY_MS);
    });
    return () => {
      live = false;
      cancelFirst();
      unsubscribeDocument();
      unsubscribeProblems();
      if (timer) clearTimeout(timer);
    };
  }, [store]);
}
