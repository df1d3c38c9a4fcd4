// Runs parseGraph (debounced) as the document changes and puts the problems in the store.
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
      const problems = findProblems(document);
      store.getState().setProblems(problems.all);
      callback.current?.([...problems.all]);
    };
    validate();
    const unsubscribe = store.subscribe((state, previous) => {
      if (state.document === previous.document) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(validate, VALIDATION_DELAY_MS);
    });
    return () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
    };
  }, [store]);
}
