// Runs parseGraph (debounced) as the document changes and puts the problems in the store; tells the page of every
// change of the problems, whichever way they changed.
import type { GraphIssue } from '@baton/contracts';
import { useEffect, useRef } from 'react';
import type { DocumentStore } from './document-store';
import { findProblems } from './problems';

/** Typing should not re-validate on every key: wait this long after the last change. */
export const VALIDATION_DELAY_MS = 200;

export function useProblems(store: DocumentStore, onProblemsChange?: (issues: GraphIssue[]) => void): void {
  const callback = useRef(onProblemsChange);
  callback.current = onProblemsChange;

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let validated: unknown = null;
    const validate = () => {
      timer = undefined;
      const { document } = store.getState();
      if (document === validated) return;
      validated = document;
      store.getState().setProblems(findProblems(document).all);
    };
    // Problems change with the document (validated here) and with fields' unapplied text (set by the fields).
    const unsubscribeProblems = store.subscribe((state, previous) => {
      if (state.problems !== previous.problems) callback.current?.([...state.problems.all]);
    });
    // The first check waits like any later one: opening a graph draws it first (parseGraph of 2,000 nodes takes
    // about 100 ms, which the first frame of the canvas would otherwise wait for).
    timer = setTimeout(validate, VALIDATION_DELAY_MS);
    callback.current?.([...store.getState().problems.all]);
    const unsubscribeDocument = store.subscribe((state, previous) => {
      if (state.document === previous.document) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(validate, VALIDATION_DELAY_MS);
    });
    return () => {
      unsubscribeDocument();
      unsubscribeProblems();
      if (timer) clearTimeout(timer);
    };
  }, [store]);
}
