// Runs parseGraph (debounced) as the document changes and puts the problems in the store; tells the page of every
// change of the problems, whichever way they changed. The checks load on demand (load-schema-checks.ts): the first
// one waits for their chunk, later ones find it in.
import type { GraphIssue } from '@baton/contracts';
import { useEffect, useRef } from 'react';
import type { DocumentStore } from './document-store';
import { loadSchemaChecks, type SchemaChecks } from './load-schema-checks';

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
        checks = await loadSchemaChecks();
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
    // The first check waits like any later one: opening a graph draws it first (parseGraph of 2,000 nodes takes
    // about 100 ms, which the first frame of the canvas would otherwise wait for).
    timer = setTimeout(() => void validate(), VALIDATION_DELAY_MS);
    callback.current?.([...store.getState().problems.all]);
    const unsubscribeDocument = store.subscribe((state, previous) => {
      if (state.document === previous.document) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void validate(), VALIDATION_DELAY_MS);
    });
    return () => {
      live = false;
      unsubscribeDocument();
      unsubscribeProblems();
      if (timer) clearTimeout(timer);
    };
  }, [store]);
}
