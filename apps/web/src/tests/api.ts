// TanStack Query hooks for a graph's test cases: draft one from a run, save, list, delete, run against the draft.
import type { TestCase, TestCaseRecord, TestCaseResult, TestCaseSummary } from '@baton/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../api/client';

const graphUrl = (graphId: string) => `/api/graphs/${encodeURIComponent(graphId)}/tests`;
const caseUrl = (graphId: string, caseId: string) => `${graphUrl(graphId)}/${encodeURIComponent(caseId)}`;

export const testKeys = {
  list: (graphId: string) => ['graphs', 'detail', graphId, 'tests'] as const,
  draft: (runId: string) => ['runs', runId, 'testcase'] as const,
};

export const testApi = {
  draftFromRun: (runId: string) => apiFetch<TestCase>(`/api/runs/${encodeURIComponent(runId)}/testcase`),
  list: (graphId: string) => apiFetch<{ items: TestCaseSummary[] }>(graphUrl(graphId)).then((page) => page.items),
  save: (graphId: string, document: TestCase) =>
    apiFetch<TestCaseRecord>(graphUrl(graphId), { method: 'POST', json: document }),
  remove: (graphId: string, caseId: string) => apiFetch<void>(caseUrl(graphId, caseId), { method: 'DELETE' }),
  run: (graphId: string, caseId: string, live: boolean) =>
    apiFetch<TestCaseResult>(`${caseUrl(graphId, caseId)}/run`, { method: 'POST', json: { live } }),
};

/** The file to keep beside the graph's export; a plain download (the cookie goes with it). */
export const caseExportUrl = (graphId: string, caseId: string) => `${caseUrl(graphId, caseId)}/export`;

export function useTestCases(graphId: string) {
  return useQuery({ queryKey: testKeys.list(graphId), queryFn: () => testApi.list(graphId) });
}

export function useSaveTestCase(graphId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (document: TestCase) => testApi.save(graphId, document),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: testKeys.list(graphId) }),
  });
}

export function useDeleteTestCase(graphId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (caseId: string) => testApi.remove(graphId, caseId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: testKeys.list(graphId) }),
  });
}
