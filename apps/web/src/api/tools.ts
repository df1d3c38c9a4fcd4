// TanStack Query hook for `GET /api/tools`: the tool sources this server has, as the inspector's picker offers them.
// Only the lazily loaded Tools section imports it, so it costs the editor's first screen nothing.
import type { ToolsResponse } from '@baton/contracts';
import { useQuery } from '@tanstack/react-query';
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
    refetchOnWindowFocus: false,
  });
}
