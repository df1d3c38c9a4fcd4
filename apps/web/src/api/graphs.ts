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

/** The graph the page's address opened, requested with the page's first script; taken by its editor's first fetch. */
let opening: { id: string; record: Promise<GraphRecord> } | null = null;

/**
 * Starts fetching the graph the address names while the editor's chunk loads, instead of after it has loaded and
 * rendered (a round trip and a chunk's evaluation later). The request is made for this very page load, so it is as
 * fresh as one made at mount: the editor's first fetch takes it, every later fetch asks the server again.
 */
export function fetchOpeningGraph(id: string): void {
  const record = graphApi.get(id);
  record.catch(() => {}); // not unhandled before the editor takes it
  opening = { id, record };
}

function takeOpeningGraph(id: string): Promise<GraphRecord> | null {
  if (opening?.id !== id) return null;
  const { record } = opening;
  opening = null;
  // A failure is not kept: the editor asks again, now that the app listens (a 401 must reach the sign-in gate).
  return record.catch(() => graphApi.get(id));
}

/**
 * A graph and its draft, fetched afresh each time an editor opens it (the editor must start from the newest
 * revision, or its first save conflicts), and never refetched behind the open editor's back.
 */
export function useGraph(id: string) {
  return useQuery({
    queryKey: graphKeys.detail(id),
    queryFn: () => takeOpeningGraph(id) ?? graphApi.get(id),
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
