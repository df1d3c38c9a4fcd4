// The Tools section as the editor provides it to a specialist's form (see tools-slot.ts): the `GET /api/tools` query
// and the section itself, whose chunk (picker, list, styles) loads the first time a specialist is inspected.
import { MAX_AGENT_TOOLS } from '@baton/contracts';
import { lazy, Suspense } from 'react';
import { useToolSources } from '../api/tools';
import type { ToolsSlotProps } from './tools-slot';

const ToolsSection = lazy(() => import('./inspector/tools/ToolsSection'));

export function ToolsSlot(props: ToolsSlotProps) {
  const sources = useToolSources();
  return (
    <Suspense fallback={null}>
      <ToolsSection {...props} sources={sources} limit={MAX_AGENT_TOOLS} />
    </Suspense>
  );
}
