// `pnpm bench` (full) and `pnpm --filter @baton/bench smoke` (tiny sizes, part of the tests): runs the suites in
// turn, each case in its own child process, prints one table against the goals of issue 7 and writes the JSON.
import { loadavg } from 'node:os';
import { runCanvasSuite } from './canvas/suite';
import { runEngineSuite } from './engine/suite';
import { parseArgs } from './harness/args';
import { type BenchConfig, FULL, SMOKE } from './harness/config';
import { type BenchResults, formatTable, machineInfo, type Row, writeResults } from './harness/report';
import { runReplaySuite } from './replay/suite';
import { runScaleSuite } from './scale/suite';
import { runStreamSuite } from './streams/suite';
import { runToolsSuite } from './tools/suite';

interface SuiteOutput {
  rows: Row[];
  raw: Record<string, unknown>;
  errors: string[];
}
type Suite = (config: BenchConfig, log: (line: string) => void) => Promise<SuiteOutput>;

const SUITES: Record<string, Suite> = {
  engine: runEngineSuite,
  sse: runStreamSuite,
  canvas: runCanvasSuite,
  replay: runReplaySuite,
  scale: runScaleSuite,
  tools: runToolsSuite,
};
/** Suites of the full run only: the smoke run leaves them out (run them with --smoke --only=...). */
const FULL_ONLY = new Set(['tools']);

const args = parseArgs();
const base = args.has('smoke') ? SMOKE : FULL;
const config: BenchConfig = {
  ...base,
  runs: Number(args.get('runs') ?? base.runs),
  warmup: Number(args.get('warmup') ?? base.warmup),
};
// --latencies=0 (comma-separated) reruns the engine suite at some latencies only.
const latencies = args.get('latencies');
if (latencies) config.engine = { ...config.engine, latencies: latencies.split(',').map(Number) };
// --shapes=chain:10,fanout:1000 reruns the engine suite on some shapes only.
const shapeList = args.get('shapes');
if (shapeList) config.engine = { ...config.engine, ...engineSizes(shapeList) };
const defaults = Object.keys(SUITES).filter((name) => config.mode === 'full' || !FULL_ONLY.has(name));
const only = args.get('only')?.split(',') ?? defaults;
const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);

const startedAt = new Date().toISOString();
const loadAvgStart = loadavg();
const rows: Row[] = [];
const errors: string[] = [];
const raw: Record<string, unknown> = {};
for (const name of only) {
  const suite = SUITES[name];
  if (!suite) {
    errors.push(`unknown suite ${name} (known: ${Object.keys(SUITES).join(', ')})`);
    continue;
  }
  try {
    const output = await suite(config, log);
    rows.push(...output.rows);
    errors.push(...output.errors);
    raw[name] = output.raw;
  } catch (error) {
    errors.push(`${name}: ${(error as Error).stack ?? error}`);
  }
}

const results: BenchResults = {
  mode: config.mode,
  startedAt,
  finishedAt: new Date().toISOString(),
  machine: { ...machineInfo(), loadAvgStart, loadAvgEnd: loadavg() },
  rows,
  errors,
  raw,
};
// A partial run (--only) never overwrites the full results: it gets a file of its own.
const partial =
  only.length < defaults.length || latencies || shapeList
    ? `-${only.join('-')}${latencies ? `-L${latencies}` : ''}${shapeList ? `-${shapeList.replace(/[:,]/g, '')}` : ''}`
    : '';
const file = writeResults(results, `${config.mode === 'smoke' ? 'smoke' : 'latest'}${partial}.json`);
console.log(formatTable(rows));
const missed = rows.filter((r) => r.met === false).length;
const judged = rows.filter((r) => r.met !== null).length;
console.log(
  `\nGoals met: ${judged - missed} of ${judged}. Load average ${loadAvgStart.map((l) => l.toFixed(2)).join(' ')} -> ${results.machine.loadAvgEnd.map((l) => l.toFixed(2)).join(' ')}. Results: ${file}`,
);
for (const error of errors) console.error(`ERROR ${error}`);
// The smoke run is a test: a case that produced no numbers (or lost an event) fails it. Speed never does.
if (errors.length > 0) process.exitCode = 1;

function engineSizes(list: string): Pick<BenchConfig['engine'], 'chain' | 'fanout' | 'loop'> {
  const sizes = { chain: [] as number[], fanout: [] as number[], loop: [] as number[] };
  for (const item of list.split(',')) {
    const [kind, size] = item.split(':');
    if (!(kind === 'chain' || kind === 'fanout' || kind === 'loop') || !Number.isInteger(Number(size))) {
      throw new Error(
        `--shapes takes kind:size pairs (chain, fanout, loop), as in chain:10,fanout:1000; not "${item}"`,
      );
    }
    sizes[kind].push(Number(size));
  }
  return sizes;
}
