// What one editor page shares between the canvas and the run panel: the run overlay the canvas draws, the trace
// focus, and the run views kept by id. Made per page, so nothing about a run outlives the page in a module.
import { createContext, type ReactNode, useContext, useState } from 'react';
import { useStore } from 'zustand';
import { RunOverlayProvider } from '../editor/run-overlay';
import { CanvasRunOverlay } from './canvas-overlay';
import { createTraceFocusStore, type TraceFocus, type TraceFocusStore } from './trace-focus';
import { RunViewCache } from './view-cache';

export interface RunSession {
  overlay: CanvasRunOverlay;
  focus: TraceFocusStore;
  views: RunViewCache;
}

const RunSessionContext = createContext<RunSession | null>(null);

export function createRunSession(): RunSession {
  return { overlay: new CanvasRunOverlay(), focus: createTraceFocusStore(), views: new RunViewCache() };
}

/** Wraps the editor of one page: the canvas reads the overlay through the editor's own context. */
export function RunSessionProvider({ children }: { children: ReactNode }) {
  const [session] = useState(createRunSession);
  return (
    <RunSessionContext.Provider value={session}>
      <RunOverlayProvider overlay={session.overlay}>{children}</RunOverlayProvider>
    </RunSessionContext.Provider>
  );
}

export function useRunSession(): RunSession {
  const session = useContext(RunSessionContext);
  if (!session) throw new Error('useRunSession needs a <RunSessionProvider> above it.');
  return session;
}

/** The trace focus, with a selector so a component re-renders only for what it reads. */
export function useTraceFocus<T>(selector: (focus: TraceFocus) => T): T {
  return useStore(useRunSession().focus, selector);
}
