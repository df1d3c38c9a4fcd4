// Recorded runs of the examples replayed as test cases, with the real openai SDK against the fake server: the
// server's request count is the proof that a replay made no model call.
import { type GraphDocument, type JsonValue, type TestCase, testCaseFromRun } from '@baton/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inputHash } from '../audit/canonical';
import { verifyRunLog } from '../audit/seal';
import { createOpenAIProvider } from '../model/openai-provider';
import { collectRun } from '../testing/collect-run';
import { EXAMPLE_NAMES, type ExampleName, loadExample } from '../testing/example-graphs';
import { type FakeOpenAIServer, type RecordedRequest, startFakeOpenAIServer } from '../testing/fake-openai-server';
import { createBuiltinToolSource } from '../tools/builtin';
import type { ToolSource } from '../tools/source';
import { replayTestCase } from './replay-test-case';

let server: FakeOpenAIServer;
/** The built-in source, counting the calls it receives: the proof that a replay called no tool. */
let toolCalls: { tool: string; args: JsonValue }[];
let tools: ToolSource[];
beforeEach(async () => {
  // The model asks for the calculator once, in pieces as the API streams arguments, then answers with its result.
  server = await startFakeOpenAIServer({ respond: calculatorTurn });
  toolCalls = [];
  const builtin = createBuiltinToolSource();
  tools = [
    {
      name: builtin.name,
      list: () => builtin.list(),
      call: (tool, args, options) => {
        toolCalls.push({ tool, args });
        return builtin.call(tool, args, options);
      },
    },
  ];
});
afterEach(() => server.close());

const MODELS = { fast: 'fake-fast', balanced: 'fake-balanced', deep: 'fake-deep' };
const provider = (models = MODELS) => createOpenAIProvider({ apiKey: 'sk-test', baseURL: server.baseURL, models });

const GOALS: Record<string, string> = {
  'research-and-write': 'Write a short article about honey bees',
  'specialist-routing': 'Please review this code change for bugs',
  'peer-review': 'A short essay on relay batons',
  'peer-mesh': 'Should we adopt a four-day week?',
  'calculator-tools': 'What is the square root of 16, doubled?',
};

/** A request that offers tools and has no tool result yet calls the calculator; any other gets the default reply. */
function calculatorTurn(request: RecordedRequest) {
  const offered = request.body.tools?.some((t) => t.function.name === 'calculator');
  if (!offered || request.body.messages.some((m) => m.role === 'tool')) return undefined;
  return { toolCalls: [{ name: 'calculator', arguments: '{"expression": "sqrt(16) * 2"}' }] };
}

async function record(name: ExampleName): Promise<{ graph: GraphDocument; testCase: TestCase }> {
  const graph = loadExample(name);
  const { events, outcome } = await collectRun({ graph, goal: GOALS[name]!, provider: provider(), tools });
  expect(outcome.status).toBe('completed');
  return { graph, testCase: testCaseFromRun({ name, graph, events, runId: 'run-test' }) };
}

function withInstructions(graph: GraphDocument, nodeId: string, instructions: string): GraphDocument {
  const copy = structuredClone(graph);
  const node = copy.nodes.find((n) => n.id === nodeId)!;
  (node.data as { instructions: string }).instructions = instructions;
  return copy;
}

describe('replaying a recorded run as a test case', () => {
  it.each(EXAMPLE_NAMES)('%s against the unchanged graph: passes with no model call and no tool call', async (name) => {
    const { graph, testCase } = await record(name);
    expect(testCase.steps.length).toBeGreaterThan(0);
    const before = server.requests.length;
    const toolCallsBefore = toolCalls.length;
    // Another nonce and run id: the input hashes do not depend on either.
    const { result, events } = await replayTestCase({
      testCase,
      graph,
      provider: provider(),
      nonce: 'other',
      runId: 'r2',
      tools,
    });
    expect(server.requests.length - before).toBe(0);
    expect(toolCalls.length - toolCallsBefore).toBe(0);
    expect(result.failures).toEqual([]);
    expect(result.verdict).toBe('passed');
    expect(result.modelCalls).toBe(0);
    expect(result.steps.map((s) => s.status)).toEqual(testCase.steps.map(() => 'reused'));
    // A new run of its own: seq from 1 and a chain that verifies on its own.
    expect(events[0]).toMatchObject({ type: 'run.started', seq: 1, attempt: 1 });
    expect(verifyRunLog(events, { lastHash: events.at(-1)!.chain, count: events.length }).ok).toBe(true);
  });

  it('records the calculator example\u2019s tool call as a step and answers it from the recording', async () => {
    const { graph, testCase } = await record('calculator-tools');
    expect(toolCalls).toEqual([{ tool: 'calculator', args: { expression: 'sqrt(16) * 2' } }]);
    expect(testCase.steps.map((s) => [s.stepKey, s.actionType])).toEqual([
      ['analyst/call:1', 'llm_call'],
      ['analyst/call:1/tool:1', 'tool_call'],
      ['analyst/call:2', 'llm_call'],
    ]);
    expect(testCase.steps[0]!.toolCalls).toEqual([
      { id: 'call_fake_1', name: 'calculator', arguments: '{"expression": "sqrt(16) * 2"}' },
    ]);
    expect(testCase.steps[1]).toMatchObject({
      tool: { source: 'builtin', name: 'calculator', arguments: { expression: 'sqrt(16) * 2' } },
      output: { isError: false, content: [{ type: 'text', text: '8' }] },
    });
    const { result, events } = await replayTestCase({ testCase, graph, provider: provider(), tools });
    expect(toolCalls).toHaveLength(1);
    expect(result.verdict).toBe('passed');
    const toolStep = events.find((e) => e.type === 'action.started' && e.actionType === 'tool_call');
    expect(toolStep).toMatchObject({ stepKey: 'analyst/call:1/tool:1', summary: expect.stringContaining('recording') });
    // The second round got the recorded result back, as in the recorded run: its inputs hash the same.
    expect(result.steps.map((s) => s.status)).toEqual(['reused', 'reused', 'reused']);
  });

  it('reports a tool step whose arguments changed as diverged; offline the tool is not called, live it is', async () => {
    const { graph, testCase } = await record('calculator-tools');
    // The recording as if the model had asked for another expression: the tool step's arguments and input hash.
    const other = { expression: 'sqrt(9) * 2' };
    const edited: TestCase = structuredClone(testCase);
    const step = edited.steps[1]!;
    step.tool = { ...step.tool!, arguments: other };
    step.inputHash = inputHash({ source: 'builtin', tool: 'calculator', arguments: other });
    const before = server.requests.length;
    const offline = await replayTestCase({ testCase: edited, graph, provider: provider(), tools });
    expect(server.requests.length - before).toBe(0);
    expect(toolCalls).toHaveLength(1);
    expect(offline.result.verdict).toBe('diverged');
    expect(offline.result.steps.map((s) => [s.stepKey, s.status])).toEqual([
      ['analyst/call:1', 'reused'],
      ['analyst/call:1/tool:1', 'diverged'],
      ['analyst/call:2', 'not_reached'],
    ]);
    expect(offline.result.steps[1]!.changes).toEqual([
      expect.objectContaining({
        kind: 'inputs',
        recorded: expect.stringContaining('sqrt(9)'),
        current: expect.stringContaining('sqrt(16)'),
        message: expect.stringContaining('arguments of the call to calculator'),
      }),
    ]);
    expect(offline.result.failures[0]).toMatchObject({ assertion: 'diverged' });

    const live = await replayTestCase({ testCase: edited, graph, provider: provider(), tools, live: true });
    expect(toolCalls).toHaveLength(2);
    expect(live.result.steps[1]).toMatchObject({
      status: 'diverged',
      called: true,
      output: { isError: false, content: [{ type: 'text', text: '8' }] },
    });
    // The tool gave what the recording holds, so the next round's inputs are unchanged: replayed, not called.
    expect(server.requests.length - before).toBe(0);
    expect(live.result.verdict).toBe('passed');
  });

  it('uses the recorded tier mapping, not the provider configured now', async () => {
    const { graph, testCase } = await record('peer-review');
    const other = provider({ fast: 'new-fast', balanced: 'new-balanced', deep: 'new-deep' });
    const { result } = await replayTestCase({ testCase, graph, provider: other });
    expect(result.verdict).toBe('passed');
    const forgotten = { ...testCase, models: { fast: 'new-fast', balanced: 'new-balanced', deep: 'new-deep' } };
    const changed = await replayTestCase({ testCase: forgotten, graph, provider: other });
    expect(changed.result.verdict).toBe('diverged');
    expect(changed.result.steps[0]!.changes[0]).toMatchObject({ kind: 'model', recorded: 'fake-balanced' });
  });

  it('offline, a changed specialist diverges at its step and what depends on it is not reached', async () => {
    const { graph, testCase } = await record('research-and-write');
    const changed = withInstructions(graph, 'writer', 'You write in haiku only.');
    const before = server.requests.length;
    const { result } = await replayTestCase({ testCase, graph: changed, provider: provider() });
    expect(server.requests.length - before).toBe(0);
    expect(result.verdict).toBe('diverged');
    const byAgent = (agent: string) => result.steps.filter((s) => s.agentName === agent);
    expect(byAgent('research').every((s) => s.status === 'reused')).toBe(true);
    const writer = byAgent('writer');
    expect(writer.map((s) => s.status)).toEqual(['diverged']);
    expect(writer[0]!.changes).toEqual([
      expect.objectContaining({
        kind: 'message_changed',
        index: 0,
        role: 'system',
        current: expect.stringContaining('haiku'),
      }),
    ]);
    // The lead's synthesis needs the writer's result: never reached.
    expect(result.steps.find((s) => s.stepKey === 'lead/synthesis')).toMatchObject({ status: 'not_reached' });
    expect(result.failures[0]).toMatchObject({ assertion: 'diverged', message: expect.stringContaining('writer') });
  });

  it('live, the diverged step and every step whose inputs then change are called; the rest replayed', async () => {
    const { graph, testCase } = await record('research-and-write');
    const changed = withInstructions(graph, 'writer', 'You write in haiku only.');
    server.setResponder((request) =>
      request.body.messages[0]?.content?.includes('haiku') ? { text: 'Bees hum, flowers bloom.' } : undefined,
    );
    const before = server.requests.length;
    const { result } = await replayTestCase({ testCase, graph: changed, provider: provider(), live: true });
    // The writer (its instructions) and the synthesis (its input, the writer's new text) were called.
    expect(server.requests.length - before).toBe(2);
    expect(result.modelCalls).toBe(2);
    const diverged = result.steps.filter((s) => s.status === 'diverged');
    expect(diverged.map((s) => s.agentName).sort()).toEqual(['lead', 'writer']);
    expect(diverged.every((s) => s.called)).toBe(true);
    expect(diverged.find((s) => s.agentName === 'writer')!.output).toBe('Bees hum, flowers bloom.');
    expect(result.steps.filter((s) => s.status === 'reused').length).toBe(testCase.steps.length - 2);
    expect(result.steps.some((s) => s.status === 'not_reached')).toBe(false);
    expect(result.verdict).toBe('passed');
  });

  it('judges the assertions: status, result text and schema, route, budget', async () => {
    const { graph, testCase } = await record('specialist-routing');
    expect(testCase.assertions.routes).toEqual([{ router: 'triage', target: 'code_review' }]);
    expect(testCase.assertions.noEscalation).toBe(true);
    const strict: TestCase = {
      ...testCase,
      assertions: {
        ...testCase.assertions,
        status: 'failed',
        result: { contains: ['no such words'], schema: { type: 'object' } },
        routes: [{ router: 'triage', target: 'general' }],
        budget: { maxModelCalls: 1 },
      },
    };
    const { result } = await replayTestCase({ testCase: strict, graph, provider: provider() });
    expect(result.verdict).toBe('failed');
    expect(result.failures.map((f) => f.assertion).sort()).toEqual([
      'budget',
      'result_contains',
      'result_schema',
      'route',
      'status',
    ]);
    expect(result.routes).toEqual([{ router: 'triage', expected: 'general', replayed: 'code_review' }]);
  });

  it('a recorded escalation decision is given again, and noEscalation then fails', async () => {
    const graph = loadExample('research-and-write');
    const low = await startFakeOpenAIServer({ confidence: 0.2 });
    try {
      const lowProvider = createOpenAIProvider({ apiKey: 'sk-test', baseURL: low.baseURL, models: MODELS });
      const { events } = await collectRun({ graph, goal: GOALS['research-and-write']!, provider: lowProvider });
      const testCase = testCaseFromRun({ name: 'low', graph, events });
      expect(testCase.decisions.length).toBeGreaterThan(0);
      expect(testCase.assertions.noEscalation).toBeUndefined();
      const { result } = await replayTestCase({ testCase, graph, provider: lowProvider });
      expect(result.verdict).toBe('passed');
      const strict = { ...testCase, assertions: { ...testCase.assertions, noEscalation: true } };
      const judged = await replayTestCase({ testCase: strict, graph, provider: lowProvider });
      expect(judged.result.failures.map((f) => f.assertion)).toEqual(['no_escalation']);
    } finally {
      await low.close();
    }
  });
});
