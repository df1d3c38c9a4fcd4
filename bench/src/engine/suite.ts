// The engine suite: every shape x size x latency in each implementation, then overhead per action against the goals.
import type { EngineCaseResult } from '../cases/engine';
import { toArgv } from '../harness/args';
import { runCase } from '../harness/child';
import type { BenchConfig } from '../harness/config';
import { type Row, row } from '../harness/report';
import { type Summary, summarize } from '../harness/stats';
import type { Implementation } from './runners';
import { actionCount, criticalPathCalls, type Shape, shapeLabel } from './shapes';

export interface EngineSuiteResult {
  rows: Row[];
  raw: Record<string, EngineCaseResult>;
  errors: string[];
}

type Cases = Map<Implementation, EngineCaseResult>;

const overhead = (result: EngineCaseResult, bare: EngineCaseResult, actions: number): Summary =>
  summarize(result.samples.map((wall) => (wall - summarize(bare.samples).median) / actions));

function shapes(config: BenchConfig): Shape[] {
  return [
    ...config.engine.chain.map((size) => ({ kind: 'chain' as const, size })),
    ...config.engine.fanout.map((size) => ({ kind: 'fanout' as const, size })),
    ...config.engine.loop.map((size) => ({ kind: 'loop' as const, size })),
  ];
}

/** Checks that a case did the work it was timed for: every model call of the shape, and events for ours. */
function checkCase(impl: Implementation, shape: Shape, result: EngineCaseResult): string | null {
  if (result.samples.length === 0 || result.samples.some((s) => !Number.isFinite(s))) return 'no timings';
  if (result.callsPerRun < result.expectedCalls) {
    return `made ${result.callsPerRun} model calls per run, the shape needs ${result.expectedCalls}`;
  }
  if (impl.startsWith('baton') && result.eventsPerRun === 0) return `produced no events for ${shapeLabel(shape)}`;
  return null;
}

export async function runEngineSuite(config: BenchConfig, log: (line: string) => void): Promise<EngineSuiteResult> {
  const rows: Row[] = [];
  const raw: Record<string, EngineCaseResult> = {};
  const errors: string[] = [];
  const perAction = new Map<string, number>();
  const impls: Implementation[] = ['bare', 'baton', 'baton-sqlite', 'langgraph', 'langgraph-sqlite'];

  for (const latency of config.engine.latencies) {
    for (const shape of shapes(config)) {
      const cases: Cases = new Map();
      for (const impl of impls) {
        const key = `${impl} ${shapeLabel(shape)} L=${latency}`;
        log(`engine: ${key}`);
        try {
          const argv = toArgv({ impl, shape: shape.kind, size: shape.size, latency, ...runsOf(config) });
          const result = await runCase<EngineCaseResult>('engine', argv, { timeoutMs: 20 * 60_000 });
          const problem = checkCase(impl, shape, result);
          if (problem) throw new Error(problem);
          cases.set(impl, result);
          raw[key] = result;
        } catch (error) {
          errors.push(`engine ${key}: ${(error as Error).message}`);
        }
      }
      rows.push(...shapeRows(shape, latency, cases, perAction));
    }
  }
  rows.push(...scalingRows(config, perAction));
  return { rows, raw, errors };
}

function runsOf(config: BenchConfig) {
  return { warmup: config.warmup, runs: config.runs };
}

function shapeRows(shape: Shape, latency: number, cases: Cases, perAction: Map<string, number>): Row[] {
  const bare = cases.get('bare');
  if (!bare) return [];
  const actions = actionCount(shape);
  const group = `engine ${shapeLabel(shape)} L=${latency}`;
  const rows: Row[] = [];
  const pairs = [
    ['baton', 'langgraph', 'overhead/action, alone vs LangGraph'],
    ['baton-sqlite', 'langgraph-sqlite', 'overhead/action, SQLite vs LangGraph+SqliteSaver'],
  ] as const;
  for (const [ours, peer, label] of pairs) {
    const o = cases.get(ours);
    const p = cases.get(peer);
    const oursOverhead = o ? overhead(o, bare, actions) : null;
    const peerOverhead = p ? overhead(p, bare, actions) : null;
    if (oursOverhead) perAction.set(`${ours} ${shape.kind} ${shape.size} ${latency}`, oursOverhead.median);
    const r = row({ group, label, unit: 'ms', ours: oursOverhead, peer: peerOverhead });
    // Overhead below the noise of the baseline counts as met; a peer with no overhead cannot be beaten by 4x.
    const met = oursOverhead && peerOverhead ? oursOverhead.median <= 0.25 * Math.max(peerOverhead.median, 0) : null;
    rows.push({ ...r, goal: 'ours <= 0.25x peer', met });
  }
  const wallRow = (ours: Implementation, peer: Implementation, label: string, factor: number | null) => {
    const o = cases.get(ours);
    const p = cases.get(peer);
    const r = row({
      group,
      label,
      unit: 'ms',
      ours: o ? summarize(o.samples) : null,
      peer: p ? summarize(p.samples) : null,
    });
    if (factor === null || latency === 0) return r;
    const work = criticalPathCalls(shape) * latency;
    return { ...r, goal: `ours <= ${factor}x work (${work} ms)`, met: r.ours ? r.ours.median <= factor * work : null };
  };
  const isWideFanout = shape.kind === 'fanout' && shape.size >= 1000;
  rows.push(wallRow('baton', 'langgraph', 'wall time, alone vs LangGraph', isWideFanout ? 2 : null));
  rows.push(
    wallRow('baton-sqlite', 'langgraph-sqlite', 'wall time, SQLite vs LangGraph+SqliteSaver', isWideFanout ? 4 : null),
  );
  const mem = (impl: Implementation, net: boolean) => {
    const c = cases.get(impl);
    // Net: above the same process doing the shape with bare promises (Node, tsx and the harness weigh ~75 MB).
    const base = net ? (bare.memory.maxRssMb ?? 0) : 0;
    return c ? summarize([c.memory.maxRssMb - base]) : null;
  };
  const memRow = (ours: Implementation, peer: Implementation, label: string, net: boolean) =>
    row({ group, label, unit: 'MB', ours: mem(ours, net), peer: mem(peer, net) });
  rows.push(memRow('baton-sqlite', 'langgraph-sqlite', 'peak RSS, SQLite vs LangGraph+SqliteSaver', false));
  if (isWideFanout && latency > 0) {
    const goal = (r: Row): Row => ({ ...r, goal: 'ours < 0.5x peer', met: r.ratio === null ? null : r.ratio < 0.5 });
    rows.push(memRow('baton', 'langgraph', 'peak RSS, alone vs LangGraph', false));
    rows.push(goal(memRow('baton', 'langgraph', 'peak RSS above bare baseline, alone vs LangGraph', true)));
    rows.push(
      goal(
        memRow('baton-sqlite', 'langgraph-sqlite', 'peak RSS above bare baseline, SQLite vs LangGraph+SQLite', true),
      ),
    );
  }
  return rows;
}

/** Per-action overhead at the largest size within twice that at the smallest, for chain and fan-out. */
function scalingRows(config: BenchConfig, perAction: Map<string, number>): Row[] {
  const rows: Row[] = [];
  for (const kind of ['chain', 'fanout'] as const) {
    const sizes = config.engine[kind];
    const small = sizes[0];
    const large = sizes.at(-1);
    if (small === undefined || large === undefined || small === large) continue;
    for (const latency of config.engine.latencies) {
      const a = perAction.get(`baton ${kind} ${small} ${latency}`);
      const b = perAction.get(`baton ${kind} ${large} ${latency}`);
      if (a === undefined || b === undefined) continue;
      rows.push(
        row({
          group: `engine ${kind} L=${latency}`,
          label: `overhead/action at ${large} vs at ${small} (ours)`,
          unit: 'ms',
          ours: summarize([b]),
          peer: summarize([a]),
          goal: `at ${large} <= 2x at ${small}`,
          // Sub-microsecond overheads are noise: treat anything under 0.01 ms as flat.
          met: b <= 2 * Math.max(a, 0.01),
        }),
      );
    }
  }
  return rows;
}
