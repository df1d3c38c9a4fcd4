// The calculator: real mathjs in a real worker thread. Dangerous functions refused, runaway expressions stopped
// within the time limit while the event loop stays free, results capped.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { createBuiltinToolSource } from './builtin';
import { CALCULATOR_LIMITS } from './calculator';

const source = createBuiltinToolSource();
const calc = (expression: string, signal = new AbortController().signal) =>
  source.call('calculator', { expression }, { signal });

// Starting a worker and loading mathjs takes a few hundred ms (seconds on a loaded CI machine): the time limit
// counts from when the expression reaches a ready worker, and these tests allow for the start.
const SLOW = 30_000;
beforeAll(async () => {
  await calc('1');
}, SLOW);

describe('the calculator built-in', { timeout: SLOW }, () => {
  it('lists itself as a tool without side effects', async () => {
    const [tool] = await source.list();
    expect(tool).toMatchObject({ name: 'calculator', sideEffects: false });
  });

  it('evaluates arithmetic, functions and units', async () => {
    expect(await calc('2 + 3 * 4')).toEqual({ content: [{ type: 'text', text: '14' }] });
    expect(await calc('sqrt(16) * 2')).toEqual({ content: [{ type: 'text', text: '8' }] });
    expect((await calc('5 cm to inch')).content[0]).toMatchObject({ text: expect.stringContaining('inch') });
  });

  for (const expression of [
    'import({x: 1})',
    'createUnit("foo")',
    'evaluate("1+1")',
    'parse("1+1")',
    'simplify("x+x")',
    'derivative("x^2", "x")',
    'compile("1")',
    'resolve("x", {})',
    'random()',
  ]) {
    it(`refuses ${expression}`, async () => {
      await expect(calc(expression)).rejects.toThrow(/disabled/);
    });
  }

  it('refuses factorial(1e6) (not a finite number) quickly', async () => {
    await expect(calc('factorial(1e6)')).rejects.toThrow(/finite/);
  });

  it('stops zeros(1e5, 1e5) within its limit while the event loop stays free', async () => {
    await calc('1'); // a ready worker
    const started = Date.now();
    let turns = 0;
    const ticker = setInterval(() => turns++, 10);
    const error = await calc('zeros(1e5, 1e5)').catch((e: Error) => e);
    clearInterval(ticker);
    const elapsed = Date.now() - started;
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/memory|longer than|more than/);
    expect(elapsed).toBeLessThan(CALCULATOR_LIMITS.timeMs + 1_500);
    // The loop kept turning: about one turn per 10 ms of the wait.
    expect(turns).toBeGreaterThan(Math.floor(elapsed / 10 / 3));
  });

  it('refuses a result past its size cap', async () => {
    await expect(calc('ones(200, 200)')).rejects.toThrow(/more than 10000 elements/);
  });

  it('stops at once when the call is aborted', async () => {
    const controller = new AbortController();
    const pending = calc('zeros(1e5, 1e5)', controller.signal);
    setTimeout(() => controller.abort(new Error('cancelled by the test')), 50);
    const started = Date.now();
    await expect(pending).rejects.toThrow('cancelled by the test');
    expect(Date.now() - started).toBeLessThan(500);
  });

  it('carries nothing from one call to the next', async () => {
    expect(await calc('x = 5')).toMatchObject({ content: [{ text: '5' }] });
    await expect(calc('x + 1')).rejects.toThrow(/Undefined symbol x/);
  });

  it('lets a process that used it exit by itself (the warm worker does not hold it)', async () => {
    const builtin = fileURLToPath(new URL('./builtin.ts', import.meta.url));
    const script = `const { createBuiltinToolSource } = await import(${JSON.stringify(builtin)});
      const r = await createBuiltinToolSource().call('calculator', { expression: '6 * 7' }, { signal: new AbortController().signal });
      console.log(r.content[0].text);`;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      { timeout: 25_000 },
    );
    expect(stdout.trim()).toBe('42');
  });
});
