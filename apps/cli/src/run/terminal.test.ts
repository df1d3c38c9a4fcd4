// The terminal side of `baton run`, under a real pseudo-terminal: the live progress view, and a person's decision.
import { afterAll, describe, expect, it } from 'vitest';
import { example, tempDir } from '../../test/baton';
import { startBatonInTerminal } from '../../test/pty';
import { readTrace } from '../../test/trace-checks';
import { EXIT } from '../exit-codes';

/** ESC [ n F: the cursor up n lines, to the start of the first line of the block. */
const CURSOR_UP = new RegExp(`${String.fromCharCode(27)}\\[\\d+F`, 'g');

const temp = tempDir();
afterAll(() => temp.remove());

describe('baton run on a terminal', () => {
  it('redraws a live view of the agents in place and ends with every agent done; a given policy asks nobody', async () => {
    const args = ['run', example('research-and-write'), '--goal', 'Tides', '--on-escalation', 'approve'];
    const running = startBatonInTerminal(args, {
      BATON_SIM_CALL_MS: '60',
      BATON_SIM_TOKEN_MS: '4',
      BATON_SIM_CONFIDENCE: '0.5',
    });
    running.child.stdin!.end();
    const { code, stdout } = await running.done;
    expect(code, stdout).toBe(EXIT.ok);
    expect(stdout).not.toContain('Approve, reject or edit?');
    expect(stdout).toContain('\x1b[2K'); // each row is cleared before it is drawn again
    const redraws = stdout.match(CURSOR_UP) ?? [];
    expect(redraws.length).toBeGreaterThan(2); // the block moved up and was redrawn, more than once
    const frames = stdout.split(CURSOR_UP);
    const last = frames.at(-1)!;
    for (const agent of ['input', 'lead', 'research', 'writer', 'output']) {
      expect(last).toMatch(new RegExp(`✓ ${agent}\\s+completed\\s+\\d+ tok`));
    }
    expect(last).toMatch(/\d+ model calls · \d+ tokens · [\d.]+ s/);
    expect(frames.some((frame) => /[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] research\s+running/.test(frame))).toBe(true);
    expect(stdout).toContain('Simulated synthesis from lead');
  });

  it('asks a person to decide a low-confidence handoff, and goes on when they approve', async () => {
    const trace = temp.path('approved.json');
    const running = startBatonInTerminal(['run', example('research-and-write'), '--goal', 'Tides', '--trace', trace], {
      BATON_SIM_CONFIDENCE: '0.5',
    });
    await running.waitFor('Approve, reject or edit? [a/r/e]');
    expect(running.stdout).toContain('needs a person');
    running.child.stdin!.write('a\r');
    const { code, stdout } = await running.done;
    expect(code, stdout).toBe(EXIT.ok);
    const file = readTrace(trace);
    expect(file.run.status).toBe('completed');
    const resolved = file.events.find((e) => e.type === 'escalation.resolved');
    expect(resolved).toMatchObject({ decision: 'approve', note: 'Approved at the terminal.' });
  });

  it('Ctrl+C while the question waits cancels the run (exit 130), and the trace still verifies', async () => {
    const trace = temp.path('interrupted.json');
    const running = startBatonInTerminal(['run', example('research-and-write'), '--goal', 'Tides', '--trace', trace], {
      BATON_SIM_CONFIDENCE: '0.5',
    });
    await running.waitFor('Approve, reject or edit? [a/r/e]');
    running.child.stdin!.write('\x03'); // the terminal's Ctrl+C: readline reads it in raw mode
    const { code, stdout } = await running.done;
    expect(code, stdout).toBe(EXIT.cancelled);
    expect(stdout).toContain('The run was cancelled');
    const file = readTrace(trace);
    expect(file.run.status).toBe('cancelled');
    expect(file.events.at(-1)?.type).toBe('run.cancelled');
  });

  it('edit: a payload that breaks the contract is refused with its JSON path and asked again; a good one goes on', async () => {
    const trace = temp.path('edited.json');
    const running = startBatonInTerminal(['run', example('research-and-write'), '--goal', 'Tides', '--trace', trace], {
      BATON_SIM_CONFIDENCE: '0.5',
    });
    const question = 'Approve, reject or edit? [a/r/e]';
    await running.waitFor(question);
    running.child.stdin!.write('e\r');
    await running.waitFor('as one line of JSON:');
    running.child.stdin!.write('{"sources": [], "confidence": 0.95}\r');
    await running.waitFor('$.key_findings: This required property is missing.');
    await running.waitFor(question, { times: 2 }); // asked again, the escalation still open
    const edited = { sources: [], key_findings: ['Tides follow the moon.'], confidence: 0.95 };
    running.child.stdin!.write('e\r');
    await running.waitFor('as one line of JSON:', { times: 2 });
    running.child.stdin!.write(`${JSON.stringify(edited)}\r`);
    const { code, stdout } = await running.done;
    expect(code, stdout).toBe(EXIT.ok);
    const resolved = readTrace(trace).events.find((e) => e.type === 'escalation.resolved');
    expect(resolved).toMatchObject({ decision: 'edit', payload: edited, note: 'Edited at the terminal.' });
  });
});
