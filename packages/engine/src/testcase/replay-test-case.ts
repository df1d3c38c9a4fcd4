// Replays a test case against a graph: a new run whose model calls and tool calls are answered from the case's
// recorded steps while their inputs are unchanged, then judged on the case's assertions.
import type { GraphDocument, RunEvent, TestCase, TestCaseResult } from '@baton/contracts';
import type { ModelProvider } from '../model/provider';
import { runGraph } from '../run/run-graph';
import type { EscalationHandler, RunGraphOptions } from '../run-options';
import { judgeTestCase } from './judge';
import { RecordingIndex } from './recording';

export interface ReplayTestCaseOptions {
  testCase: TestCase;
  /** The graph to test (it passed `parseGraph`): usually the current draft, not the version the case was made on. */
  graph: GraphDocument;
  graphVersion?: number | null;
  /**
   * Called only for diverged steps with `live`; offline it is never asked (a diverged step fails the case). It
   * still describes the configured models, but the case's recorded tier mapping is the one used.
   */
  provider: ModelProvider;
  live?: boolean;
  runId?: string;
  /** An escalation the recording holds no decision for. Default: it fails the run with a sentence saying so. */
  escalations?: EscalationHandler;
  signal?: AbortSignal;
  clock?: () => number;
  ids?: () => string;
  nonce?: string;
  scrubber?: RunGraphOptions['scrubber'];
  /**
   * Where the graph's tools come from (default: the built-ins). Offline, a source is never called: a tool call is
   * answered from the recording or diverges; the sources are still needed to resolve the graph's tools at the start.
   */
  tools?: RunGraphOptions['tools'];
}

export interface ReplayedTestCase {
  result: TestCaseResult;
  events: RunEvent[];
}

const noRecordedDecision: EscalationHandler = async () => {
  throw new Error('The recording holds no decision for this escalation, and a test case replay asks no person.');
};

export async function replayTestCase(options: ReplayTestCaseOptions): Promise<ReplayedTestCase> {
  const { testCase } = options;
  const live = options.live ?? false;
  const clock = options.clock ?? Date.now;
  const startedAt = clock();
  const recording = new RecordingIndex({
    steps: testCase.steps,
    decisions: testCase.decisions,
    models: testCase.models,
    live,
  });
  const handle = runGraph({
    runId: options.runId ?? `case_${startedAt}`,
    graph: options.graph,
    graphVersion: options.graphVersion ?? null,
    goal: testCase.goal,
    ...(testCase.input !== undefined ? { input: testCase.input } : {}),
    provider: options.provider,
    escalations: options.escalations ?? noRecordedDecision,
    recording,
    clock,
    ...(options.ids ? { ids: options.ids } : {}),
    ...(options.nonce ? { nonce: options.nonce } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.scrubber !== undefined ? { scrubber: options.scrubber } : {}),
    ...(options.tools ? { tools: options.tools } : {}),
  });
  const events: RunEvent[] = [];
  for await (const event of handle.events) events.push(event);
  const outcome = await handle.outcome;
  const result = judgeTestCase({
    testCase,
    live,
    events,
    outcome,
    steps: recording.report(),
    durationMs: Math.max(0, clock() - startedAt),
  });
  return { result, events };
}
