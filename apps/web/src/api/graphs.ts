// TanStack Query hooks for graphs and their versions: the web app's only door to /api/graphs.
import type {
  CreateGraphBody,
  GraphRecord,
  GraphSummary,
  GraphVersionRecord,
  GraphVersionSummary,
  HealthResponse,
  RenameGraphBody,
  SaveVersionBody,
  UpdateDraftBody,
} from '@baton/contracts';
import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch, apiFetchText } from './client';

export const graphKeys = {
  all: ['graphs'] as const,
  list: () => [...graphKeys.all, 'list'] as const,
  detail: (id: string) => [...graphKeys.all, 'detail', id] as const,
  versions: (id: string) => [...graphKeys.all, 'detail', id, 'versions'] as const,
  version: (id: string, version: number) => [...graphKeys.versions(id), version] as const,
};

const graphUrl = (id: string): string => `/api/graphs/${encodeURIComponent(id)}`;

export const graphApi = {
  list: () => apiFetch<{ items: GraphSummary[] }>('/api/graphs').then((page) => page.items),
  get: (id: string) => apiFetch<GraphRecord>(graphUrl(id)),
  create: (body: CreateGraphBody) => apiFetch<GraphRecord>('/api/graphs', { method: 'POST', json: body }),
  /** The body is the document itself, of any supported version; the server migrates and validates it. */
  import: (document: unknown) => apiFetch<GraphRecord>('/api/graphs/import', { method: 'POST', json: document }),
  rename: (id: string, body: RenameGraphBody) => apiFetch<GraphRecord>(graphUrl(id), { method: 'PATCH', json: body }),
  duplicate: (id: string) => apiFetch<GraphRecord>(`${graphUrl(id)}/duplicate`, { method: 'POST', json: {} }),
  remove: (id: string) => apiFetch<void>(graphUrl(id), { method: 'DELETE' }),
  saveDraft: (id: string, body: UpdateDraftBody, init: { keepalive?: boolean } = {}) =>
    apiFetch<GraphRecord>(`${graphUrl(id)}/draft`, { method: 'PUT', json: body, ...init }),
  versions: (id: string) =>
    apiFetch<{ items: GraphVersionSummary[] }>(`${graphUrl(id)}/versions`).then((page) => page.items),
  version: (id: string, version: number) => apiFetch<GraphVersionRecord>(`${graphUrl(id)}/versions/${version}`),
  saveVersion: (id: string, body: SaveVersionBody) =>
    apiFetch<GraphVersionSummary>(`${graphUrl(id)}/versions`, { method: 'POST', json: body }),
  /** The export file's text (pretty, stable key order) exactly as the server writes it. */
  exportText: (id: string, version?: number) =>
    apiFetchText(`${graphUrl(id)}/export${version === undefined ? '' : `?version=${version}`}`),
  health: () => apiFetch<HealthResponse>('/api/health'),
};

export function useHealth() {
  return useQuery({ queryKey: ['health'], queryFn: graphApi.health, staleTime: 60_000, retry: 1 });
}

export function useGraphs() {
  return useQuery({ queryKey: graphKeys.list(), queryFn: graphApi.list });
}

/**
 * A graph and its draft, fetched afresh each time an editor opens it (the editor must start from the newest
 * revision, or its first save conflicts), and never refetched behind the open editor's back.
 */
export function useGraph(id: string) {
  return useQuery({
    queryKey: graphKeys.detail(id),
    queryFn: () => graphApi.get(id),
    refetchOnMount: 'always',
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
}

export function useVersions(id: string, enabled = true) {
  return useQuery({ queryKey: graphKeys.versions(id), queryFn: () => graphApi.versions(id), enabled });
}

function rememberRecord(client: QueryClient, record: GraphRecord): void {
  client.setQueryData(graphKeys.detail(record.id), record);
  void client.invalidateQueries({ queryKey: graphKeys.list() });
}

export function useCreateGraph() {
  const client = useQueryClient();
  return useMutation({ mutationFn: graphApi.create, onSuccess: (record) => rememberRecord(client, record) });
}

export function useImportGraph() {
  const client = useQueryClient();
  return useMutation({ mutationFn: graphApi.import, onSuccess: (record) => rememberRecord(client, record) });
}

export function useDuplicateGraph() {
  const client = useQueryClient();
  return useMutation({ mutationFn: graphApi.duplicate, onSuccess: (record) => rememberRecord(client, record) });
}

export function useRenameGraph() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: RenameGraphBody & { id: string }) => graphApi.rename(id, body),
    onSuccess: (record) => rememberRecord(client, record),
  });
}

export function useDeleteGraph() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: graphApi.remove,
    onSuccess: (_nothing, id) => {
      client.removeQueries({ queryKey: graphKeys.detail(id) });
      void client.invalidateQueries({ queryKey: graphKeys.list() });
    },
  });
}

export function useSaveVersion(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: SaveVersionBody) => graphApi.saveVersion(id, body),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: graphKeys.versions(id) });
      void client.invalidateQueries({ queryKey: graphKeys.list() });
    },
  });
}
