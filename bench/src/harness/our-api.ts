// The few calls the benchmark makes to our server's API: import a graph, start, cancel and read a run.
import type { GraphDocument, GraphRecord, RunRecord, StartRunResponse } from '@baton/contracts';

async function api<T>(base: string, path: string, method = 'GET', body?: unknown): Promise<T> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

export async function importGraph(base: string, graph: GraphDocument): Promise<string> {
  return (await api<GraphRecord>(base, '/api/graphs/import', 'POST', graph)).id;
}

/** Starts a run with room for long chains (the default budget, 200 calls, would end them early). */
export async function startRun(base: string, graphId: string, goal = 'Benchmark run'): Promise<string> {
  const body = { goal, budget: { maxModelCalls: 100_000, maxTokens: 1_000_000_000 } };
  return (await api<StartRunResponse>(base, `/api/graphs/${encodeURIComponent(graphId)}/runs`, 'POST', body)).runId;
}

export async function cancelRun(base: string, runId: string): Promise<void> {
  await api<RunRecord>(base, `/api/runs/${encodeURIComponent(runId)}/cancel`, 'POST', {});
}

export async function getRun(base: string, runId: string): Promise<RunRecord> {
  return api<RunRecord>(base, `/api/runs/${encodeURIComponent(runId)}`);
}
