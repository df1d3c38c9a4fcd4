// The crash harness in npm test (a few kills), or all twenty with BATON_DURABILITY=full (`pnpm run durability`).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CrashHarness, type KillReport } from './crash-harness';
import { KILL_POINTS, SHORT_KILL_POINTS } from './kill-points';

const full = process.env.BATON_DURABILITY === 'full';
// BATON_DURABILITY_ONLY=<words>: only the points whose name contains them (to look into one).
const only = process.env.BATON_DURABILITY_ONLY;
const points = only ? KILL_POINTS.filter((p) => p.name.includes(only)) : full ? KILL_POINTS : SHORT_KILL_POINTS;
const harness = new CrashHarness();
const reports: KillReport[] = [];

beforeAll(() => harness.start(), 60_000);
afterAll(async () => {
  await harness.close();
  if (reports.length > 0) printReports(reports);
});

describe(`SIGKILL at ${points.length} points of real runs, then a restart`, () => {
  for (const point of points) {
    it(`${point.name} (${point.graph.name})`, async () => {
      const report = await harness.run(point);
      reports.push(report);
      expect(report.problems).toEqual([]);
      expect(report.completedSentAgain).toBe(0);
      expect(report.repeated).toBeLessThanOrEqual(report.lostToWriteBehind);
    }, 120_000);
  }
});

function printReports(list: KillReport[]): void {
  const lines = list.map(
    (r) =>
      `${r.name.padEnd(42)} kills ${r.kills}  in flight ${r.inFlight}  lost ${r.lostToWriteBehind}  repeated ${r.repeated}` +
      `  completed again ${r.completedSentAgain}  boot ${r.bootMs.join('/')} ms  restart->resumed ${r.restartToResumedMs.join('/')} ms`,
  );
  const resumed = list.flatMap((r) => r.restartToResumedMs).sort((a, b) => a - b);
  const median = resumed[Math.floor(resumed.length / 2)] ?? 0;
  const repeated = list.reduce((sum, r) => sum + r.repeated, 0);
  const kills = list.reduce((sum, r) => sum + r.kills, 0);
  process.stdout.write(
    `\n${lines.join('\n')}\n${kills} kills: ${repeated} call(s) repeated in all; restart to resumed run: median ${median} ms, max ${resumed.at(-1) ?? 0} ms\n`,
  );
}
