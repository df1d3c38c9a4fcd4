// The scale suite: small runs (one simulated model call, no delay) started all at once against SQLite in one
// process, then against PostgreSQL with 1, 2 and 4 BullMQ workers. Runs per second and p99 time to completion, each
// from the server's own record of the runs (created to ended), so the client's polling costs nothing measured.
import type { GraphDocument, RunSummary } from '@baton/contracts';
import type { BenchConfig } from '../harness/config';
import { importGraph, startRun } from '../harness/our-api';
import { type Row, row } from '../harness/report';
import { percentile, type Summary, summarize } from '../harness/stats';
import { queueTopology, sqliteTopology, type Topology } from './topology';

export interface ScaleCaseResult {
  /** Runs per second of each measured round: runs / (last ended - first created). */
  throughput: number[];
  /** p99 of created-to-ended over each round's runs, ms. */
  p99: number[];
}

export async function runScaleSuite(config: BenchConfig, log: (line: string) => void) {
  const raw: Record<string, ScaleCaseResult> = {};
  const errors: string[] = [];
  const cases: { key: string; open: () => Promise<Topology> }[] = [
    { key: 'sqlite', open: sqliteTopology },
    ...config.scale.workers.map((k) => ({ key: `workers ${k}`, open: () => queueTopology(k) })),
  ];
  for (const { key, open } of cases) {
    log(`scale: ${key}, ${config.scale.runs} runs x ${config.runs}`);
    let topology: Topology | undefined;
    try {
      topology = await open();
      raw[key] = await measure(topology.baseUrl, config);
    } catch (error) {
      errors.push(`scale ${key}: ${(error as Error).message}`);
    } finally {
      await topology?.stop().catch(() => {});
    }
  }
  const tp = (key: string): Summary | null => (raw[key] ? summarize(raw[key].throughput) : null);
  const p99 = (key: string): Summary | null => (raw[key] ? summarize(raw[key].p99) : null);
  const group = `scale ${config.scale.runs} small runs`;
  const rows: Row[] = [];
  for (const k of config.scale.workers) {
    const peer = k === 1 ? 'sqlite' : 'workers 1';
    const versus = k === 1 ? 'SQLite in one process' : 'PostgreSQL with 1 worker';
    rows.push(
      row({
        group,
        label: `runs/s, PostgreSQL + ${k} worker(s) vs ${versus}`,
        unit: 'runs/s',
        ours: tp(`workers ${k}`),
        peer: tp(peer),
      }),
      row({
        group,
        label: `p99 to completion, PostgreSQL + ${k} worker(s) vs ${versus}`,
        unit: 'ms',
        ours: p99(`workers ${k}`),
        peer: p99(peer),
      }),
    );
  }
  return { rows, raw, errors };
}

async function measure(baseUrl: string, config: BenchConfig): Promise<ScaleCaseResult> {
  const graphId = await importGraph(baseUrl, oneCallGraph());
  const result: ScaleCaseResult = { throughput: [], p99: [] };
  for (let round = 0; round < config.warmup + config.runs; round++) {
    const goal = `round ${round}`;
    const ids = new Set(
      await Promise.all(Array.from({ length: config.scale.runs }, () => startRun(baseUrl, graphId, goal))),
    );
    const runs = await allEnded(baseUrl, graphId, ids);
    const failed = runs.filter((r) => r.status !== 'completed');
    if (failed.length > 0) throw new Error(`${failed.length} run(s) did not complete: ${failed[0]!.status}`);
    if (round < config.warmup) continue;
    const first = Math.min(...runs.map((r) => r.createdAt));
    const last = Math.max(...runs.map((r) => r.endedAt!));
    result.throughput.push((runs.length * 1000) / Math.max(1, last - first));
    result.p99.push(
      percentile(
        runs.map((r) => r.endedAt! - r.createdAt),
        99,
      ),
    );
  }
  return result;
}

/** Polls the graph's run list (one request for all of them) until every run of the round has ended. */
async function allEnded(baseUrl: string, graphId: string, ids: Set<string>): Promise<RunSummary[]> {
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    const response = await fetch(`${baseUrl}/api/graphs/${encodeURIComponent(graphId)}/runs`);
    const page = (await response.json()) as { items: RunSummary[] };
    const mine = page.items.filter((r) => ids.has(r.id));
    if (mine.length === ids.size && mine.every((r) => r.endedAt !== null)) return mine;
    if (Date.now() > deadline) throw new Error('the runs did not end within 10 minutes');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function oneCallGraph(): GraphDocument {
  return {
    format: 'baton.graph',
    version: 2,
    id: 'bench-scale-small',
    name: 'One call',
    description: 'input -> one specialist -> output',
    nodes: [
      { id: 'in', kind: 'input', position: { x: 0, y: 0 }, data: { name: 'input' } },
      {
        id: 'answer',
        kind: 'specialist',
        position: { x: 200, y: 0 },
        data: { name: 'answer', description: 'Answers.', instructions: 'You answer briefly.' },
      },
      { id: 'out', kind: 'output', position: { x: 400, y: 0 }, data: { name: 'output' } },
    ],
    edges: [
      { id: 'e1', kind: 'handoff', source: 'in', target: 'answer' },
      { id: 'e2', kind: 'handoff', source: 'answer', target: 'out' },
    ],
  } as unknown as GraphDocument;
}
