// Child process: `calls` tool calls in rounds of `width` parallel calls to a real Streamable-HTTP MCP server on
// 127.0.0.1, either through one engine run (impl=baton: the scripted model asks, the engine calls through the
// @baton/tools MCP source) or with the SDK's Client directly (impl=sdk). The connection is made outside the timed runs.
import { parseGraph } from '@baton/contracts';
import { runGraph } from '@baton/engine';
import { McpToolSource } from '@baton/tools';
import { startHttpMcpServer } from '@baton/tools/testing';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { argNumber, argString, parseArgs } from '../harness/args';
import { emitResult } from '../harness/child';
import { measureRuns } from '../harness/measure';
import { agentsFor, ROUNDS_PER_AGENT, TOOL_NAME, TOOL_SOURCE, type ToolPlan, toolGraph } from '../tools/tool-graph';
import { createToolCallingProvider, echoText } from '../tools/tool-provider';

export interface ToolsCaseResult {
  samples: number[];
  memory: { sampledRssMb: number; maxRssMb: number };
  /** Calls the MCP server answered in the last measured run, and what the plan asks for. */
  callsPerRun: number;
  expectedCalls: number;
}

const args = parseArgs();
const impl = argString(args, 'impl');
const plan: ToolPlan = { calls: argNumber(args, 'calls'), width: argNumber(args, 'width') };
const server = await startHttpMcpServer();

async function batonRunner(): Promise<(index: number) => Promise<void>> {
  const parsed = parseGraph(toolGraph(plan));
  if (!parsed.ok) throw new Error(`The tools graph is invalid: ${parsed.issues.map((i) => i.message).join('; ')}`);
  const graph = parsed.graph;
  const source = new McpToolSource({
    name: TOOL_SOURCE,
    transport: 'http',
    url: server.url,
    headers: {},
    allowTools: null,
    sideEffects: {},
    connectTimeoutMs: 10_000,
  });
  await source.list();
  const provider = createToolCallingProvider(plan);
  let ids = 0;
  return async (index) => {
    const runId = `bench-tools-${index < 0 ? `warmup${-index}` : index}`;
    const handle = runGraph({
      runId,
      graph,
      graphVersion: 1,
      goal: 'Call the tool',
      provider,
      tools: [source],
      escalations: () => Promise.reject(new Error('The tools case never escalates')),
      clock: Date.now,
      ids: () => `a${++ids}`,
      nonce: 'bench',
    });
    for await (const _event of handle.events) {
      // Drained as the server does; the events themselves are the engine suite's subject.
    }
    const outcome = await handle.outcome;
    if (outcome.status !== 'completed') {
      throw new Error(`run ${runId} ended ${outcome.status}: ${JSON.stringify(outcome).slice(0, 500)}`);
    }
  };
}

async function sdkRunner(): Promise<(index: number) => Promise<void>> {
  const client = new Client({ name: 'baton-bench', version: '0.1.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(server.url)));
  const rounds = plan.calls / plan.width;
  return async () => {
    // The same rounds as the engine run: each agent's ROUNDS_PER_AGENT rounds of `width` parallel calls, in turn.
    for (let r = 0; r < rounds; r++) {
      const agent = `caller_${Math.floor(r / ROUNDS_PER_AGENT) + 1}`;
      const results = await Promise.all(
        Array.from({ length: plan.width }, (_, i) =>
          client.callTool({ name: TOOL_NAME, arguments: { text: echoText(agent, r % ROUNDS_PER_AGENT, i) } }),
        ),
      );
      if (results.some((result) => result.isError)) throw new Error(`a tool call of round ${r} failed`);
    }
  };
}

try {
  if (impl !== 'baton' && impl !== 'sdk') throw new Error(`Unknown --impl ${impl} (baton or sdk)`);
  agentsFor(plan); // checks calls is a multiple of width
  const run = impl === 'baton' ? await batonRunner() : await sdkRunner();
  let callsPerRun = 0;
  const measured = await measureRuns<void>({
    warmup: argNumber(args, 'warmup', 1),
    runs: argNumber(args, 'runs', 5),
    run: async (index) => {
      const before = server.calls.length;
      await run(index);
      callsPerRun = server.calls.length - before;
    },
  });
  const result: ToolsCaseResult = {
    samples: measured.samples,
    memory: measured.memory,
    callsPerRun,
    expectedCalls: plan.calls,
  };
  emitResult(result);
} finally {
  await server.close();
}
