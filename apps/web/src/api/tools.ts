// TanStack Query hook for `GET /api/tools`: the tool sources this server has, as the inspector's Tools section
// offers them. Called by the editor's ToolsSlot.tsx (see editor/tools-slot.ts for why not by the form).
import type { ToolSourceInfo, ToolsResponse } from '@baton/contracts';
import { type UseQueryResult, useQuery } from '@tanstack/react-query';
import { apiFetch } from './client';

export const toolKeys = { sources: ['tools', 'sources'] as const };

/**
 * The server asks each MCP server when it answers, so the list is kept a little while (opening one specialist after
 * another asks once) but not long: a server that comes back shows its tools the next time the section opens.
 */
export function useToolSources() {
  return useQuery({
    queryKey: toolKeys.sources,
    queryFn: () => apiFetch<ToolsResponse>('/api/tools').then((body) => body.sources),
    staleTime: 30_000,
  });
}

/** The query as the Tools section reads it (a type: that chunk imports no query code, see editor/tools-slot.ts). */
export type ToolSourcesQuery = UseQueryResult<ToolSourceInfo[]>;
