// TanStack Query hooks for runs: start, cancel, resume, history, the provider badge, prices and escalation decisions.
import type {
  EscalationDecisionBody,
  PricesResponse,
  ProviderInfo,
  RunRecord,
  RunSummary,
  StartRunBody,
  StartRunResponse,
} from '@baton/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../api/client';

export const runKeys = {
  provider: ['provider'] as const,
  prices: ['prices'] as const,
  graphRuns: (graphId: string) => ['graphs', 'detail', graphId, 'runs'] as const,
  run: (runId: string) => ['runs', runId] as const,
};

const runUrl = (runId: string): string => `/api/runs/${encodeURIComponent(runId)}`;

export const runApi = {
  provider: () => apiFetch<ProviderInfo>('/api/provider'),
  prices: () => apiFetch<PricesResponse>('/api/prices'),
  start: (graphId: string, body: StartRunBody) =>
    apiFetch<StartRunResponse>(`/api/graphs/${encodeURIComponent(graphId)}/runs`, { method: 'POST', json: body }),
  list: (graphId: string) =>
    apiFetch<{ items: RunSummary[] }>(`/api/graphs/${encodeURIComponent(graphId)}/runs`).then((page) => page.items),
  get: (runId: string) => apiFetch<RunRecord>(runUrl(runId)),
  cancel: (runId: string) => apiFetch<RunRecord>(`${runUrl(runId)}/cancel`, { method: 'POST', json: {} }),
  resume: (runId: string) => apiFetch<RunRecord>(`${runUrl(runId)}/resume`, { method: 'POST', json: {} }),
  decide: (runId: string, escalationId: string, body: EscalationDecisionBody) =>
    apiFetch<RunRecord>(`${runUrl(runId)}/escalations/${encodeURIComponent(escalationId)}`, {
      method: 'POST',
      json: body,
    }),
};

/**
 * The trace export: a JSON download the browser saves itself (the cookie goes with it). The file is a `TraceFile`
 * (`format: "baton.trace"`, `version: 1`), the same as `baton run --trace` writes and `baton verify` checks.
 */
export const traceUrl = (runId: string): string => `${runUrl(runId)}/trace`;

/** The same run as OpenTelemetry spans, OTLP JSON Lines: for Jaeger, Tempo, Langfuse or Phoenix via a Collector. */
export const otlpTraceUrl = (runId: string): string => `${runUrl(runId)}/trace.otlp.jsonl`;

/** The server's price table (USD per 1M tokens by model id); it changes only with the server's configuration. */
export function usePrices() {
  return useQuery({ queryKey: runKeys.prices, queryFn: runApi.prices, staleTime: 5 * 60_000, select: (r) => r.models });
}

export function useProviderInfo() {
  return useQuery({ queryKey: runKeys.provider, queryFn: runApi.provider, staleTime: 60_000 });
}

export function useGraphRuns(graphId: string) {
  return useQuery({ queryKey: runKeys.graphRuns(graphId), queryFn: () => runApi.list(graphId) });
}

export function useStartRun(graphId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: StartRunBody) => runApi.start(graphId, body),
    // A run may have made a new version of the graph, and it is the newest run of the history.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['graphs', 'detail', graphId] }),
  });
}

export function useCancelRun() {
  return useMutation({ mutationFn: (runId: string) => runApi.cancel(runId) });
}

/** Asks the server for a new attempt of an interrupted run; the page then follows the stream from its last seq. */
export function useResumeRun() {
  return useMutation({ mutationFn: (runId: string) => runApi.resume(runId) });
}

export function useDecideEscalation(runId: string) {
  return useMutation({
    mutationFn: ({ escalationId, body }: { escalationId: string; body: EscalationDecisionBody }) =>
      runApi.decide(runId, escalationId, body),
  });
}
