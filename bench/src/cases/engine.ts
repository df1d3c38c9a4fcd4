// Child process: one implementation x one shape x one latency; warm-up, measured runs, peak memory, checked calls.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRunner, IMPLEMENTATIONS, type Implementation, type RunReport } from '../engine/runners';
import { createScriptedModel } from '../engine/scripted-model';
import { actionCount, SHAPE_KINDS, type Shape, type ShapeKind } from '../engine/shapes';
import { argNumber, argString, parseArgs } from '../harness/args';
import { emitResult } from '../harness/child';
import { measureRuns } from '../harness/measure';

export interface EngineCaseResult {
  samples: number[];
  memory: { sampledRssMb: number; maxRssMb: number };
  /** Model calls per run, as counted by the scripted model, and what the shape should make. */
  callsPerRun: number;
  expectedCalls: number;
  eventsPerRun: number;
}

const args = parseArgs();
const impl = argString(args, 'impl') as Implementation;
const kind = argString(args, 'shape') as ShapeKind;
if (!IMPLEMENTATIONS.includes(impl)) throw new Error(`Unknown --impl ${impl}`);
if (!SHAPE_KINDS.includes(kind)) throw new Error(`Unknown --shape ${kind}`);
const shape: Shape = { kind, size: argNumber(args, 'size') };
const model = createScriptedModel(argNumber(args, 'latency'));
const dir = mkdtempSync(join(tmpdir(), 'baton-bench-engine-'));

try {
  const runner = await createRunner(impl, shape, model, dir);
  const runs = argNumber(args, 'runs', 5);
  let callsBefore = 0;
  let callsPerRun = 0;
  const measured = await measureRuns<RunReport>({
    warmup: argNumber(args, 'warmup', 1),
    runs,
    run: async (index) => {
      callsBefore = model.calls;
      const report = await runner(`Benchmark goal ${index}`, index);
      callsPerRun = model.calls - callsBefore;
      return report;
    },
  });
  const result: EngineCaseResult = {
    samples: measured.samples,
    memory: measured.memory,
    callsPerRun,
    expectedCalls: actionCount(shape),
    eventsPerRun: measured.last.events,
  };
  emitResult(result);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
