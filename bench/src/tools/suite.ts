// The tools suite (issue 19): N tool calls through one engine run against the same calls made with the MCP SDK's
// client directly, to the same Streamable-HTTP server, in the same rounds of parallel calls, as a ratio.
import type { ToolsCaseResult } from '../cases/tools';
import { toArgv } from '../harness/args';
import { runCase } from '../harness/child';
import type { BenchConfig } from '../harness/config';
import { type Row, row } from '../harness/report';
import { summarize } from '../harness/stats';

export interface ToolsSuiteResult {
  rows: Row[];
  raw: Record<string, ToolsCaseResult>;
  errors: string[];
}

export async function runToolsSuite(config: BenchConfig, log: (line: string) => void): Promise<ToolsSuiteResult> {
  const raw: Record<string, ToolsCaseResult> = {};
  const errors: string[] = [];
  const rows: Row[] = [];
  const { width } = config.tools;
  for (const calls of config.tools.calls) {
    const cases = new Map<'baton' | 'sdk', ToolsCaseResult>();
    for (const impl of ['baton', 'sdk'] as const) {
      const key = `${impl} ${calls} calls x${width}`;
      log(`tools: ${key}`);
      try {
        const argv = toArgv({ impl, calls, width, warmup: config.warmup, runs: config.runs });
        const result = await runCase<ToolsCaseResult>('tools', argv, { timeoutMs: 10 * 60_000 });
        if (result.callsPerRun !== calls)
          throw new Error(`the server answered ${result.callsPerRun} calls, not ${calls}`);
        cases.set(impl, result);
        raw[key] = result;
      } catch (error) {
        errors.push(`tools ${key}: ${(error as Error).message}`);
      }
    }
    const ours = cases.get('baton');
    const peer = cases.get('sdk');
    const perCall = (result: ToolsCaseResult | undefined) =>
      result ? summarize(result.samples.map((ms) => (ms * 1000) / calls)) : null;
    const group = `tools ${calls} calls, ${width} in parallel`;
    rows.push(
      row({
        group,
        label: 'wall time, engine run vs MCP SDK client',
        unit: 'ms',
        ours: ours ? summarize(ours.samples) : null,
        peer: peer ? summarize(peer.samples) : null,
      }),
      row({ group, label: 'per tool call', unit: 'µs', ours: perCall(ours), peer: perCall(peer) }),
    );
  }
  return { rows, raw, errors };
}
