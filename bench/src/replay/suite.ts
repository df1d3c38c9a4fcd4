// The replay suite: a recorded run of N model calls replayed as a test case (every step from the recording)
// against a live run of the same graph with the scripted model at 0 ms, as a ratio.
import type { ReplayCaseResult } from '../cases/replay';
import { toArgv } from '../harness/args';
import { runCase } from '../harness/child';
import type { BenchConfig } from '../harness/config';
import { type Row, row } from '../harness/report';
import { summarize } from '../harness/stats';

export interface ReplaySuiteResult {
  rows: Row[];
  raw: Record<string, ReplayCaseResult>;
  errors: string[];
}

export async function runReplaySuite(config: BenchConfig, log: (line: string) => void): Promise<ReplaySuiteResult> {
  const raw: Record<string, ReplayCaseResult> = {};
  const errors: string[] = [];
  const rows: Row[] = [];
  for (const steps of config.replay.steps) {
    const cases = new Map<'live' | 'replay', ReplayCaseResult>();
    for (const mode of ['live', 'replay'] as const) {
      const key = `${mode} ${steps} steps L=0`;
      log(`replay: ${key}`);
      try {
        const argv = toArgv({ mode, steps, latency: 0, warmup: config.warmup, runs: config.runs });
        const result = await runCase<ReplayCaseResult>('replay', argv, { timeoutMs: 20 * 60_000 });
        if (result.steps !== steps) throw new Error(`recorded ${result.steps} steps, not ${steps}`);
        if (mode === 'replay' && (result.callsPerRun !== 0 || result.reusedPerRun !== steps)) {
          throw new Error(`the replay made ${result.callsPerRun} model calls and reused ${result.reusedPerRun} steps`);
        }
        if (mode === 'live' && result.callsPerRun !== steps) throw new Error(`made ${result.callsPerRun} calls`);
        cases.set(mode, result);
        raw[key] = result;
      } catch (error) {
        errors.push(`replay ${key}: ${(error as Error).message}`);
      }
    }
    const ours = cases.get('replay');
    const peer = cases.get('live');
    rows.push(
      row({
        group: `replay ${steps} steps L=0`,
        label: 'wall time, test case replay vs live run',
        unit: 'ms',
        ours: ours ? summarize(ours.samples) : null,
        peer: peer ? summarize(peer.samples) : null,
      }),
    );
  }
  return { rows, raw, errors };
}
