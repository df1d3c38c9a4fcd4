// Frozen runs: one recorded run of each example, as the engine of graph format 1 and event version 1 wrote it
// (simulated provider, deterministic ids and clock). They must keep parsing, verifying and replaying after every
// change to the event schema; regenerating them would defeat the point, so they are never rewritten.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { RunEvent } from '@baton/contracts';
import { describe, expect, it } from 'vitest';
import { verifyRunLog } from '../src/audit/seal';
import { ReplayIndex } from '../src/run/replay';

const DIR = fileURLToPath(new URL('./fixtures/events-v1/', import.meta.url));
const FIXTURES = readdirSync(DIR).filter((name) => name.endsWith('.json'));

function load(name: string): RunEvent[] {
  const raw: unknown = JSON.parse(readFileSync(DIR + name, 'utf8'));
  if (!Array.isArray(raw)) throw new Error(`${name} is not an array of events`);
  return raw.map((event, i) => {
    const parsed = RunEvent.safeParse(event);
    if (!parsed.success) throw new Error(`${name}, event ${i + 1}: ${parsed.error.message}`);
    return parsed.data;
  });
}

describe('frozen event fixtures (event version 1)', () => {
  it('holds one run of each of the four v1 examples', () => {
    expect(FIXTURES.sort()).toEqual([
      'peer-mesh.json',
      'peer-review.json',
      'research-and-write.json',
      'specialist-routing.json',
    ]);
  });

  for (const name of FIXTURES) {
    it(`${name} parses, passes verifyRunLog and ends completed`, () => {
      const events = load(name);
      const last = events.at(-1)!;
      expect(verifyRunLog(events, { lastHash: last.chain, count: events.length })).toEqual({ ok: true });
      expect(last.type).toBe('run.completed');
    });

    it(`${name}: its model-call steps (old keys, no call round) are all reusable on replay`, () => {
      const events = load(name);
      const replay = new ReplayIndex(events);
      const steps = events.flatMap((e) =>
        e.type === 'action.started' && e.actionType === 'llm_call' && e.stepKey
          ? [[e.stepKey, e.inputHash] as const]
          : [],
      );
      expect(steps.length).toBeGreaterThan(0);
      // Reused when asked with the inputs they were recorded with.
      for (const [key, hash] of steps) expect(replay.completedStep(key, hash).kind, key).toBe('reuse');
    });
  }
});
