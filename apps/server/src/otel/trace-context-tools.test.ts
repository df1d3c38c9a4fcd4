// Trace context out for tool calls: the MCP test servers (Streamable HTTP and stdio) receive a `traceparent` whose
// trace id is the run's and whose parent is the exported `execute_tool` span of that very call.
import { isTerminalRunStatus, type StartRunResponse } from '@baton/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { type OtlpReceiver, startOtlpReceiver } from '../../test/otlp-receiver';
import { waitForRun } from '../runs/wait-for-run';
import { startToolWorld, type ToolWorld } from '../tools/tool-world';
import { traceIdOf } from './trace-ids';

let world: ToolWorld | undefined;
let collector: OtlpReceiver | undefined;
afterEach(async () => {
  await world?.close();
  await collector?.close();
});

describe('traceparent on MCP requests', () => {
  it('names the run’s trace and the call’s own execute_tool span, over HTTP (a header) and stdio (_meta)', async () => {
    collector = await startOtlpReceiver();
    world = await startToolWorld({
      otel: {
        tracesUrl: `${collector.url}/v1/traces`,
        headers: {},
        serviceName: 'baton',
        timeoutMs: 1000,
        captureContent: false,
      },
    });
    world.fake.enqueue(
      {
        toolCalls: [
          { name: 'echo', arguments: '{"text":"traced"}' },
          { name: 'add', arguments: '{"a":1,"b":2}' },
        ],
      },
      { text: 'Both done.' },
    );
    const graph = await world.graphWith([
      { source: 'web', name: 'echo' },
      { source: 'local', name: 'add' },
    ]);
    const started = await world.server.call('POST', `/api/graphs/${graph.id}/runs`, { goal: 'trace the tools' });
    const { runId } = (await started.json()) as StartRunResponse;
    const run = await waitForRun(world.server, runId, (r) => isTerminalRunStatus(r.status), 30_000);
    expect(run!.status).toBe('completed');
    await world.server.runExecutor.eventSinks.idle();

    const spans = collector.spans();
    const span = (name: string) => spans.find((s) => s.name === `execute_tool ${name}`)!;
    const agent = spans.find((s) => s.name === 'invoke_agent analyst')!;
    for (const [name, traceparent] of [
      ['echo', world.web.calls[0]!.headers.traceparent],
      ['add', world.stdioCalls()[0]!.meta.traceparent],
    ] as const) {
      expect(span(name).parentSpanId).toBe(agent.spanId);
      expect(traceparent).toBe(`00-${traceIdOf(runId)}-${span(name).spanId}-01`);
    }
    // Over HTTP the header and `_meta` agree.
    expect(world.web.calls[0]!.meta.traceparent).toBe(world.web.calls[0]!.headers.traceparent);
  }, 60_000);

  it('sends none when traces are not exported and the run was started under no trace', async () => {
    world = await startToolWorld();
    world.fake.enqueue({ toolCalls: [{ name: 'echo', arguments: '{"text":"plain"}' }] }, { text: 'Done.' });
    const graph = await world.graphWith([{ source: 'web', name: 'echo' }]);
    const started = await world.server.call('POST', `/api/graphs/${graph.id}/runs`, { goal: 'no trace' });
    const { runId } = (await started.json()) as StartRunResponse;
    await waitForRun(world.server, runId, (r) => isTerminalRunStatus(r.status), 30_000);
    expect(world.web.calls).toHaveLength(1);
    expect(world.web.calls[0]!.headers.traceparent).toBeUndefined();
    expect(world.web.calls[0]!.meta.traceparent).toBeUndefined();
  }, 60_000);
});
