import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baton, example, tempDir } from '../../test/baton';
import { EXIT } from '../exit-codes';

const temp = tempDir();
const good = temp.path('good.json');
afterAll(() => temp.remove());
beforeAll(async () => {
  const made = await baton(['run', example('peer-review'), '--goal', 'Relays', '--trace', good, '--quiet']);
  expect(made.code).toBe(EXIT.ok);
});

/** The good trace with one change, written to its own file. */
function tampered(
  name: string,
  change: (trace: { events: Record<string, unknown>[]; run: Record<string, unknown> }) => void,
) {
  const trace = JSON.parse(readFileSync(good, 'utf8'));
  change(trace);
  const file = temp.path(name);
  writeFileSync(file, JSON.stringify(trace));
  return file;
}

describe('baton verify', () => {
  it('says an untouched trace is intact, with exit 0', async () => {
    const { code, stdout } = await baton(['verify', good]);
    expect(code).toBe(EXIT.ok);
    expect(stdout).toMatch(/good\.json: intact\. \d+ events of run run_[\w-]+ \(completed\)/);
  });

  it('names the event whose content was changed, and where it is in the file; exit 1', async () => {
    const file = tampered('changed.json', (trace) => {
      const index = trace.events.findIndex((e) => e.type === 'action.completed');
      trace.events[index]!.output = 'something the agent never said';
    });
    const { code, stderr } = await baton(['verify', file]);
    expect(code).toBe(EXIT.failed);
    expect(stderr).toMatch(
      /the chain is broken at event (\d+) \(action\.completed, at \$\.events\[\d+\]\): Event \1 was changed/,
    );
  });

  it('catches a removed event and a log cut short', async () => {
    const removed = tampered('removed.json', (trace) => {
      trace.events.splice(3, 1);
      trace.run.eventCount = trace.events.length;
    });
    expect((await baton(['verify', removed])).stderr).toContain('event 5');
    const cut = tampered('cut.json', (trace) => {
      trace.events.pop();
    });
    const cutResult = await baton(['verify', cut, '--json']);
    expect(cutResult.code).toBe(EXIT.failed);
    expect(JSON.parse(cutResult.stdout)).toMatchObject({ ok: false, seq: null });
  });

  it('refuses a file that is not a trace with exit 3 and the JSON path of the problem', async () => {
    const file = tampered('not-a-trace.json', (trace) => {
      (trace as Record<string, unknown>).format = 'baton.graph';
    });
    const { code, stderr } = await baton(['verify', file]);
    expect(code).toBe(EXIT.invalid);
    expect(stderr).toContain('is not a Baton trace file');
    expect(stderr).toContain('$.format');
  });
});
