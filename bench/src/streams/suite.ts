// The live-stream suite: a stored run replayed over SSE, and live runs to 1 and to 50 watchers, ours against bare Hono.
import type { SseCaseResult } from '../cases/sse';
import { toArgv } from '../harness/args';
import { runCase } from '../harness/child';
import type { BenchConfig } from '../harness/config';
import { type Row, row } from '../harness/report';
import { summarize } from '../harness/stats';

export async function runStreamSuite(config: BenchConfig, log: (line: string) => void) {
  const rows: Row[] = [];
  const raw: Record<string, SseCaseResult> = {};
  const errors: string[] = [];
  const runCaseChecked = async (key: string, args: Record<string, string | number>) => {
    log(`sse: ${key}`);
    try {
      const result = await runCase<SseCaseResult>(
        'sse',
        toArgv({ ...args, warmup: Math.min(config.warmup, 1), runs: config.runs }),
        { timeoutMs: 15 * 60_000 },
      );
      raw[key] = result;
      // Delivery is a correctness check: a lost or repeated event is an error, in the smoke run too.
      for (const problem of result.problems) errors.push(`sse ${key}: ${problem}`);
      if (result.runs.length === 0) errors.push(`sse ${key}: no runs measured`);
      return result;
    } catch (error) {
      errors.push(`sse ${key}: ${(error as Error).message}`);
      return null;
    }
  };
  const figure = (result: SseCaseResult | null, pick: (r: SseCaseResult['runs'][number]) => number) =>
    result && result.runs.length > 0 ? summarize(result.runs.map(pick)) : null;

  const events = config.sse.replayEvents;
  const ours = await runCaseChecked(`replay ${events} ours`, { target: 'ours', mode: 'replay', events });
  const peer = await runCaseChecked(`replay ${events} peer`, { target: 'peer', mode: 'replay', events });
  const replay = row({
    group: `sse replay ${events.toLocaleString('en-US')} events`,
    label: 'throughput, our server vs bare Hono streamSSE',
    unit: 'ev/s',
    ours: figure(ours, (r) => r.eventsPerSecond),
    peer: figure(peer, (r) => r.eventsPerSecond),
  });
  rows.push({
    ...replay,
    goal: 'ours >= 0.8x peer, each event once',
    met: replay.ratio === null ? null : replay.ratio >= 0.8,
  });

  for (const watchers of config.sse.watchers) {
    const count = config.sse.liveEvents;
    const oursLive = await runCaseChecked(`live ${watchers} watchers ours`, {
      target: 'ours',
      mode: 'live',
      events: count,
      watchers,
    });
    // The peer emits the same number of events at the rate our run emitted them, so latencies compare like for like.
    const rate = Math.round(figure(oursLive, (r) => r.emitRate)?.median ?? 1000);
    const peerLive = await runCaseChecked(`live ${watchers} watchers peer`, {
      target: 'peer',
      mode: 'live',
      events: oursLive?.runs[0]?.events ?? count,
      watchers,
      rate,
    });
    const group = `sse live, ${watchers} watcher${watchers === 1 ? '' : 's'}`;
    rows.push(
      row({
        group,
        label: 'delivered events/s (all watchers)',
        unit: 'ev/s',
        ours: figure(oursLive, (r) => r.eventsPerSecond),
        peer: figure(peerLive, (r) => r.eventsPerSecond),
      }),
      row({
        group,
        label: 'p50 emit-to-parse latency',
        unit: 'ms',
        ours: figure(oursLive, (r) => r.p50Ms),
        peer: figure(peerLive, (r) => r.p50Ms),
      }),
      row({
        group,
        label: 'p99 emit-to-parse latency',
        unit: 'ms',
        ours: figure(oursLive, (r) => r.p99Ms),
        peer: figure(peerLive, (r) => r.p99Ms),
      }),
    );
  }
  return { rows, raw, errors };
}
