// Where a specialist's form shows its Tools section: the editor provides the component (ToolsSlot.tsx) and the form
// renders it. The form is part of the canvas's chunk, which the lazy inspector also loads: had the form imported the
// query library or the lazy section itself, the bundler would have split the first screen's chunks further and given
// the canvas's chunk a loader of its own, costing the editor's first screen more than this file (bundle-size.test.ts).
import type { SpecialistNode, ToolRef } from '@baton/contracts';
import { type ComponentType, createContext, useContext } from 'react';

export interface ToolsSlotProps {
  node: SpecialistNode;
  /** The node's new tool list (undefined for none), to apply as one undo step. */
  onChange(tools: ToolRef[] | undefined): void;
}

// Only the editor shows forms; anywhere else there would be no Tools section.
const ToolsSlotContext = createContext<ComponentType<ToolsSlotProps>>(() => null);

export const ToolsSlotProvider = ToolsSlotContext.Provider;

export function useToolsSlot(): ComponentType<ToolsSlotProps> {
  return useContext(ToolsSlotContext);
}
