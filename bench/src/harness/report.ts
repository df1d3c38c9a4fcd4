// The one table (case, ours, peer, ratio, goal met?) and the JSON written to bench/results/.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { BENCH_DIR } from './child';
import type { Summary } from './stats';

export interface Row {
  group: string;
  label: string;
  unit: string;
  ours: Summary | null;
  peer: Summary | null;
  /** ours / peer (medians), or null when there is no peer. */
  ratio: number | null;
  /** The goal of issue 7 this row is held against, in words, and whether it is met (null: no goal). */
  goal: string | null;
  met: boolean | null;
  note?: string;
}

export function row(fields: Omit<Row, 'ratio' | 'goal' | 'met'> & Partial<Pick<Row, 'goal' | 'met' | 'ratio'>>): Row {
  const ratio =
    fields.ratio !== undefined
      ? fields.ratio
      : fields.ours && fields.peer && fields.peer.median !== 0
        ? fields.ours.median / fields.peer.median
        : null;
  return { goal: null, met: null, ...fields, ratio };
}

function figure(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  const abs = Math.abs(value);
  if (abs >= 1000) return Math.round(value).toLocaleString('en-US');
  if (abs >= 100) return value.toFixed(0);
  if (abs >= 10) return value.toFixed(1);
  if (abs >= 0.1) return value.toFixed(2);
  return value.toFixed(3);
}

function cell(summary: Summary | null): string {
  if (!summary) return '-';
  if (summary.n <= 1) return figure(summary.median);
  return `${figure(summary.median)} [${figure(summary.min)}-${figure(summary.max)}]`;
}

export function formatTable(rows: readonly Row[]): string {
  const header = ['case', 'unit', 'ours median [min-max]', 'peer median [min-max]', 'ratio', 'goal', 'met?'];
  const lines = rows.map((r) => [
    `${r.group}: ${r.label}`,
    r.unit,
    cell(r.ours),
    cell(r.peer),
    r.ratio === null ? '-' : `${figure(r.ratio)}x`,
    r.goal ?? '',
    r.met === null ? '' : r.met ? 'yes' : 'NO',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const render = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ');
  return [render(header), widths.map((w) => '-'.repeat(w)).join('-|-'), ...lines.map(render)].join('\n');
}

export interface BenchResults {
  mode: 'full' | 'smoke';
  startedAt: string;
  finishedAt: string;
  machine: {
    cpus: number;
    cpuModel: string;
    totalMemMb: number;
    node: string;
    loadAvgStart: number[];
    loadAvgEnd: number[];
  };
  rows: Row[];
  errors: string[];
  /** Raw per-case figures, for anyone who wants to recompute. */
  raw: Record<string, unknown>;
}

export function machineInfo() {
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    totalMemMb: Math.round(totalmem() / 2 ** 20),
    node: process.version,
  };
}

export { loadavg };

export function writeResults(results: BenchResults, fileName: string): string {
  const dir = join(BENCH_DIR, 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, fileName);
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  return file;
}
