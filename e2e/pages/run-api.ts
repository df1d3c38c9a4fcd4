// API helpers of the run e2e specs: put example graphs into the server and read runs back, over real HTTP.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { GraphDocument, GraphRecord, RunEvent, RunRecord } from '@baton/contracts';
import { type APIRequestContext, expect } from '@playwright/test';

export const EXAMPLES = ['research-and-write', 'specialist-routing', 'peer-review', 'peer-mesh'] as const;
export type ExampleName = (typeof EXAMPLES)[number];

/** The example that uses tools (not a pattern example: run-live.spec runs the four patterns). */
export const TOOLS_EXAMPLE = 'calculator-tools';

export function readExample(name: ExampleName | typeof TOOLS_EXAMPLE): GraphDocument {
  const path = fileURLToPath(new URL(`../../examples/${name}.json`, import.meta.url));
  return JSON.parse(readFileSync(path, 'utf8')) as GraphDocument;
}

/** Imports a document as a new graph and returns its record (the server gives it a new id). */
export async function importGraph(request: APIRequestContext, document: unknown): Promise<GraphRecord> {
  const response = await request.post('/api/graphs/import', { data: document });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()) as GraphRecord;
}

/** Replaces a graph's draft with an edited document. */
export async function updateDraft(
  request: APIRequestContext,
  record: GraphRecord,
  edit: (document: GraphDocument) => GraphDocument,
): Promise<GraphRecord> {
  const response = await request.put(`/api/graphs/${record.id}/draft`, {
    data: { document: edit(structuredClone(record.draft)), baseRevision: record.draftRevision },
  });
  expect(response.status(), await response.text()).toBe(200);
  return (await response.json()) as GraphRecord;
}

export async function getRun(request: APIRequestContext, runId: string): Promise<RunRecord> {
  const response = await request.get(`/api/runs/${runId}`);
  expect(response.status()).toBe(200);
  return (await response.json()) as RunRecord;
}

export async function getTrace(
  request: APIRequestContext,
  runId: string,
): Promise<{ run: RunRecord; graph: GraphDocument; events: RunEvent[] }> {
  const response = await request.get(`/api/runs/${runId}/trace`);
  expect(response.status()).toBe(200);
  return response.json();
}

/** The distinct actions a stored run has. */
export function actionIds(events: RunEvent[]): string[] {
  const ids = new Set<string>();
  for (const event of events)
    if (event.type === 'action.started' || event.type === 'action.skipped') ids.add(event.actionId);
  return [...ids];
}

/** An orchestrator over many workers: each streams its answer token by token, so the run makes > 10k events. */
export function wideGraph(count: number) {
  const workers = Array.from({ length: count }, (_, i) => ({
    id: `w${i}`,
    kind: 'specialist',
    position: { x: 600 + (i % 20) * 220, y: Math.floor(i / 20) * 120 },
    data: { name: `worker_${i}`, description: `Covers part ${i} of the goal.`, tier: 'fast' },
  }));
  return {
    format: 'baton.graph',
    version: 1,
    id: 'perf',
    name: 'Ten thousand events',
    budget: { maxModelCalls: count + 10 },
    nodes: [
      { id: 'input', kind: 'input', position: { x: 0, y: 0 }, data: { name: 'input' } },
      { id: 'lead', kind: 'orchestrator', position: { x: 250, y: 0 }, data: { name: 'lead', concurrency: count } },
      ...workers,
      { id: 'output', kind: 'output', position: { x: 5200, y: 0 }, data: { name: 'output' } },
    ],
    edges: [
      { id: 'input-lead', kind: 'handoff', source: 'input', target: 'lead' },
      ...workers.map((w) => ({ id: `lead-${w.id}`, kind: 'dispatch', source: 'lead', target: w.id })),
      { id: 'lead-output', kind: 'handoff', source: 'lead', target: 'output' },
    ],
  };
}
