// Binds autosave to the open graph: the document store as its source, the draft endpoint as its sink, and
// flushes when the page is hidden or the editor closes, with a warning before leaving unsaved work.
import type { GraphRecord } from '@baton/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { graphApi, graphKeys } from '../api/graphs';
import type { DocumentStore } from '../editor/document-store';
import { type Autosave, type AutosaveSource, type AutosaveState, createAutosave } from './autosave';

export function storeSource(store: DocumentStore): AutosaveSource {
  return {
    changeCount: () => store.getState().changeCount,
    // Only a change of the counter matters: selection and measuring do not make the draft dirty.
    subscribe: (listener) =>
      store.subscribe((state, previous) => {
        if (state.changeCount !== previous.changeCount) listener();
      }),
    toDocument: () => store.getState().toDocument(),
  };
}

/** Creates the autosave of an open graph for the lifetime of the editor. */
export function useAutosave(store: DocumentStore, record: GraphRecord): Autosave {
  const client = useQueryClient();
  const [autosave] = useState(() =>
    createAutosave({
      source: storeSource(store),
      baseRevision: record.draftRevision,
      savedAt: record.updatedAt,
      save: (body, options) => graphApi.saveDraft(record.id, body, options),
      onSaved: (saved) => {
        client.setQueryData(graphKeys.detail(saved.id), saved);
        void client.invalidateQueries({ queryKey: graphKeys.list() });
      },
    }),
  );

  useEffect(() => {
    const stop = autosave.start();
    const onHide = () => {
      if (document.visibilityState === 'hidden') void autosave.flush({ keepalive: true });
    };
    const onPageHide = () => void autosave.flush({ keepalive: true });
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      const { status } = autosave.getState();
      if (status === 'saved') return;
      void autosave.flush({ keepalive: true });
      // Ask before leaving while a save is pending, failed or in conflict: closing now may lose the edits.
      event.preventDefault();
    };
    document.addEventListener('visibilitychange', onHide);
    window.addEventListener('pagehide', onPageHide);
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      document.removeEventListener('visibilitychange', onHide);
      window.removeEventListener('pagehide', onPageHide);
      window.removeEventListener('beforeunload', onBeforeUnload);
      // Leaving the editor inside the app: save what is pending.
      stop();
      void autosave.flush();
    };
  }, [autosave]);

  return autosave;
}

export function useAutosaveState(autosave: Autosave): AutosaveState {
  return useSyncExternalStore(autosave.subscribe, autosave.getState, autosave.getState);
}
