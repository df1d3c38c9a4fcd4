// How the run panel asks the editor for room: when a run is shown, the panel under the canvas grows to give the trace
// and the action's detail the height they need (the person can shrink it again; it is asked once per run shown).
import { createContext, useContext } from 'react';

export interface RunDock {
  makeRoom(): void;
}

const RunDockContext = createContext<RunDock>({ makeRoom: () => {} });

export const RunDockProvider = RunDockContext.Provider;

export function useRunDock(): RunDock {
  return useContext(RunDockContext);
}
