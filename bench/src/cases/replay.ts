// Child process: a fan-out graph of N model calls, recorded once, then either run live (a scripted model at L ms)
// or replayed from its recording as a test case (no model call). Checks the replay reused every step.
import { parseGraph, testCaseFromRun } from '@baton/contracts';
import { replayTestCase, runGraph } from '@baton/engine';
import { batonGraph } from '../engine/baton-graphs';
import { createScriptedProvider } from '../engine/baton-provider';
import { createScriptedModel } from '../engine/scripted-model';
import { argNumber, argString, parseArgs } from '../harness/args';
import { emitResult } from '../harness/child';
import { measureRuns } from '../harness/measure';

export interface ReplayCaseResult {
  samples: number[];
  memory: { sampledRssMb: number; maxRssMb: number };
  /** Model calls per measured run (0 for a replay), and the steps the recording holds. */
  callsPerRun: number;
  steps: number;
  reusedPerRun: number;
}

const args = parseArgs();
const mode = argString(args, 'mode');
if (mode !== 'live' && mode !== 'replay') throw new Error(`Unknown --mode ${mode}`);
const steps = argNumber(args, 'steps');
// A fan-out of W workers makes W + 2 model calls: the plan, the workers, the synthesis.
const shape = { kind: 'fanout' as const, size: steps - 2 };
const parsed = parseGraph(batonGraph(shape));
if (!parsed.ok) throw new Error(parsed.issues.map((i) => i.message).join('; '));
const graph = parsed.graph;
const model = createScriptedModel(argNumber(args, 'latency', 0));
const provider = createScriptedProvider(model, shape.size);
let ids = 0;
const options = (runId: string, goal: string) => ({
  runId,
  graph,
  graphVersion: 1,
  goal,
  provider,
  escalations: () => Promise.reject(new Error('The benchmark shapes never escalate')),
  clock: Date.now,
  ids: () => `a${++ids}`,
  nonce: `n${runId}`,
});

async function live(runId: string, goal: string) {
  const handle = runGraph(options(runId, goal));
  const events = [];
  for await (const event of handle.events) events.push(event);
  const outcome = await handle.outcome;
  if (outcome.status !== 'completed') throw new Error(`run ${runId} ended ${outcome.status}`);
  return events;
}

const GOAL = 'Benchmark goal';
const testCase = testCaseFromRun({ name: 'bench', graph, events: await live('recorded', GOAL) });
let callsPerRun = 0;
let reusedPerRun = 0;
const measured = await measureRuns({
  warmup: argNumber(args, 'warmup', 1),
  runs: argNumber(args, 'runs', 5),
  run: async (index) => {
    const before = model.calls;
    if (mode === 'live') {
      await live(`live-${index}`, GOAL);
    } else {
      const { result } = await replayTestCase({ ...options(`replay-${index}`, GOAL), testCase });
      if (result.verdict !== 'passed') throw new Error(`the replay ${result.verdict}: ${result.failures[0]?.message}`);
      reusedPerRun = result.steps.filter((s) => s.status === 'reused').length;
    }
    callsPerRun = model.calls - before;
  },
});
const result: ReplayCaseResult = {
  samples: measured.samples,
  memory: measured.memory,
  callsPerRun,
  steps: testCase.steps.length,
  reusedPerRun,
};
emitResult(result);
