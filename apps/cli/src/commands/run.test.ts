import { readFileSync } from 'node:fs';
import { RunEvent, RunRecord } from '@baton/contracts';
import { afterAll, describe, expect, it } from 'vitest';
import { baton, example, tempDir } from '../../test/baton';
import { readTrace } from '../../test/trace-checks';
import { EXIT } from '../exit-codes';

const temp = tempDir();
afterAll(() => temp.remove());

const ndjson = (text: string) =>
  text
    .split('\n')
    .filter(Boolean)
    .map((line) => RunEvent.parse(JSON.parse(line)));

describe('baton run with the simulated provider', () => {
  it('prints the result as text, plain progress lines on a stderr that is not a terminal, and exits 0', async () => {
    const { code, stdout, stderr } = await baton(['run', example('peer-review'), '--goal', 'Write about relay batons']);
    expect(code).toBe(EXIT.ok);
    expect(stdout).toContain('relay batons');
    expect(stderr).toMatch(/^run run_[\w-]+: started \(simulated models\)$/m);
    expect(stderr).toMatch(/^writer: started$/m);
    expect(stderr).toMatch(/^editor: completed in [\d.]+ s, \d+ tokens$/m);
    expect(stderr).not.toContain('\x1b['); // no cursor movement off a terminal
  });

  it('--json prints the run record; --events FILE and --trace write NDJSON events and a trace that verifies', async () => {
    const events = temp.path('events.ndjson');
    const trace = temp.path('trace.json');
    const args = ['run', example('research-and-write'), '-g', 'Tide pools', '--json', '--events', events];
    const { code, stdout } = await baton([...args, '--trace', trace, '--quiet']);
    expect(code).toBe(EXIT.ok);
    const record = RunRecord.parse(JSON.parse(stdout));
    expect(record.status).toBe('completed');
    const parsed = ndjson(readFileSync(events, 'utf8'));
    expect(parsed.map((e) => e.seq)).toEqual(parsed.map((_, i) => i + 1));
    expect(parsed.at(-1)?.type).toBe('run.completed');
    const file = readTrace(trace);
    expect(file.run).toEqual(record);
    expect(file.events).toEqual(parsed);
    expect(file.graph?.id).toBe('example-research-and-write');
    expect(record.eventCount).toBe(parsed.length);
  });

  it('--events without --json streams only NDJSON on stdout, each line a RunEvent', async () => {
    const { code, stdout } = await baton([
      'run',
      example('specialist-routing'),
      '--goal',
      'My invoice is wrong',
      '--events',
    ]);
    expect(code).toBe(EXIT.ok);
    const parsed = ndjson(stdout);
    expect(parsed[0]?.type).toBe('run.started');
    expect(parsed.at(-1)?.type).toBe('run.completed');
    expect(parsed.some((e) => e.type === 'action.delta')).toBe(true);
  });

  it('takes input that keeps the input schema; refuses input that breaks it and an invalid graph (exit 3), and a missing goal (exit 2)', async () => {
    const graph = JSON.parse(readFileSync(example('peer-review'), 'utf8'));
    graph.nodes[0].data.inputSchema = {
      type: 'object',
      properties: { topic: { type: 'string' } },
      required: ['topic'],
    };
    const withSchema = temp.path('with-schema.json');
    const input = temp.path('input.json');
    await import('node:fs').then((fs) => {
      fs.writeFileSync(withSchema, JSON.stringify(graph));
      fs.writeFileSync(input, JSON.stringify({ topic: 7 }));
    });
    const badInput = await baton(['run', withSchema, '--goal', 'go', '--input', input]);
    expect(badInput.code).toBe(EXIT.invalid);
    expect(badInput.stderr).toContain('does not match the graph');
    expect(badInput.stderr).toMatch(/\$\.topic: /);

    await import('node:fs').then((fs) => fs.writeFileSync(input, JSON.stringify({ topic: 'relay batons' })));
    const goodInput = await baton(['run', withSchema, '--goal', 'go', '--input', input, '--json', '--quiet']);
    expect(goodInput.code, goodInput.stderr).toBe(EXIT.ok);
    expect(RunRecord.parse(JSON.parse(goodInput.stdout)).input).toEqual({ topic: 'relay batons' });

    const broken = temp.path('broken.json');
    graph.edges = [];
    await import('node:fs').then((fs) => fs.writeFileSync(broken, JSON.stringify(graph)));
    const invalid = await baton(['run', broken, '--goal', 'go']);
    expect(invalid.code).toBe(EXIT.invalid);
    expect(invalid.stderr).toMatch(/\$\.[\w.[\]]*: /);

    const noGoal = await baton(['run', example('peer-review')]);
    expect(noGoal.code).toBe(EXIT.usage);
    expect(noGoal.stderr).toContain('needs a goal');

    const nowhere = temp.path('no-such-folder/trace.json');
    const unwritable = await baton(['run', example('peer-review'), '--goal', 'go', '--trace', nowhere]);
    expect(unwritable.code).toBe(EXIT.usage);
    expect(unwritable.stderr).toContain('no-such-folder" does not exist');
  });
});

describe('baton run with a budget', () => {
  it('--max-model-calls ends the run when it is reached (exit 1), and a budget that is not a number is refused', async () => {
    const trace = temp.path('budget.json');
    const args = ['run', example('research-and-write'), '--goal', 'Tides', '--max-model-calls', '1', '--trace', trace];
    const { code, stderr } = await baton(args);
    expect(code).toBe(EXIT.failed);
    expect(stderr).toContain('budget: maxModelCalls reached');
    const file = readTrace(trace);
    expect(file.events.find((e) => e.type === 'run.started')).toMatchObject({ budget: { maxModelCalls: 1 } });
    const wrong = await baton(['run', example('peer-review'), '--goal', 'x', '--max-tokens', 'lots']);
    expect(wrong.code).toBe(EXIT.usage);
    expect(wrong.stderr).toContain('--max-tokens must be a positive number, got "lots"');
  });
});

describe('baton run and escalations off a terminal', () => {
  const lowConfidence = { BATON_SIM_CONFIDENCE: '0.5' };

  it('stops waiting for a person with exit 4 by default; the trace says waiting and verifies', async () => {
    const trace = temp.path('waiting.json');
    const { code, stdout, stderr } = await baton(
      ['run', example('research-and-write'), '--goal', 'Tides', '--trace', trace],
      {
        env: lowConfidence,
      },
    );
    expect(code).toBe(EXIT.waiting);
    expect(stdout).toBe('');
    expect(stderr).toContain('waiting for a person');
    const file = readTrace(trace);
    expect(file.run.status).toBe('waiting');
    expect(file.run.pendingEscalations).toHaveLength(1);
    expect(file.events.at(-1)?.type).toBe('run.waiting');
  });

  it('--on-escalation approve completes (exit 0), reject fails (exit 1)', async () => {
    const args = ['run', example('research-and-write'), '--goal', 'Tides', '--json', '--quiet'];
    const approved = await baton([...args, '--on-escalation', 'approve'], { env: lowConfidence });
    expect(approved.code).toBe(EXIT.ok);
    expect(RunRecord.parse(JSON.parse(approved.stdout)).status).toBe('completed');
    const rejected = await baton([...args, '--on-escalation', 'reject'], { env: lowConfidence });
    expect(rejected.code).toBe(EXIT.failed);
    expect(RunRecord.parse(JSON.parse(rejected.stdout)).status).toBe('failed');
    const wrong = await baton([...args, '--on-escalation', 'maybe']);
    expect(wrong.code).toBe(EXIT.usage);
  });
});
