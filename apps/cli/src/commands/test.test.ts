// `baton test`: recorded runs of the examples (`baton run --save-case`, the openai provider against the fake
// server) replayed by the real binary. The fake server's request count proves that offline means no model call.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { type GraphDocument, TestCase } from '@baton/contracts';
import { type FakeOpenAIServer, startFakeOpenAIServer } from '@baton/engine/testing';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baton, example, tempDir } from '../../test/baton';
import { EXIT } from '../exit-codes';

let fake: FakeOpenAIServer;
const temp = tempDir();
beforeAll(async () => {
  fake = await startFakeOpenAIServer();
});
afterAll(async () => {
  await fake.close();
  temp.remove();
});
const openai = () => ({ OPENAI_API_KEY: 'sk-cli-test-77aa', OPENAI_BASE_URL: fake.baseURL });

const GOALS = {
  'research-and-write': 'Write a short article about honey bees',
  'specialist-routing': 'Please review this code change for bugs',
  'peer-review': 'A short essay on relay batons',
  'peer-mesh': 'Should we adopt a four-day week?',
} as const;
type Example = keyof typeof GOALS;

async function saveCase(name: Example, goal: string, file: string): Promise<TestCase> {
  const { code, stderr } = await baton(
    ['run', example(name), '--goal', goal, '--quiet', '--save-case', file, '--case-name', goal],
    { env: openai() },
  );
  expect(code, stderr).toBe(EXIT.ok);
  return TestCase.parse(JSON.parse(readFileSync(file, 'utf8')));
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function changedGraph(name: Example, nodeId: string, instructions: string): string {
  const graph = JSON.parse(readFileSync(example(name), 'utf8')) as GraphDocument;
  const node = graph.nodes.find((n) => n.id === nodeId)!;
  (node.data as { instructions: string }).instructions = instructions;
  const file = temp.path(`${name}-${nodeId}-changed.json`);
  writeFileSync(file, JSON.stringify(graph));
  return file;
}

describe('baton test', () => {
  it.each(Object.keys(GOALS) as Example[])('%s: its recorded run passes offline with no model call', async (name) => {
    const file = temp.path(`${name}.testcase.json`);
    const testCase = await saveCase(name, GOALS[name], file);
    expect(testCase.steps.length).toBeGreaterThan(0);
    const before = fake.requests.length;
    const { code, stdout, stderr } = await baton(['test', file, '--graph', example(name)], { env: openai() });
    expect(code, stdout + stderr).toBe(EXIT.ok);
    expect(fake.requests.length - before).toBe(0);
    expect(stdout).toMatch(
      new RegExp(`^PASS +${escapeRegExp(GOALS[name])}  \\(.*: ${testCase.steps.length} reused, 0 diverged`, 'm'),
    );
    expect(stdout).toContain('1 case: 1 passed, 0 failed, 0 diverged; 0 model calls.');
  });

  it('a changed specialist: offline its step diverges and the rest is not reached; --live calls it', async () => {
    const file = temp.path('rw.testcase.json');
    await saveCase('research-and-write', GOALS['research-and-write'], file);
    const graph = changedGraph('research-and-write', 'writer', 'You write in haiku only.');
    const before = fake.requests.length;
    const offline = await baton(['test', file, '--graph', graph], { env: openai() });
    expect(offline.code).toBe(EXIT.failed);
    expect(fake.requests.length - before).toBe(0);
    expect(offline.stdout).toMatch(/^DIVERGED /m);
    expect(offline.stdout).toMatch(/^ {2}lead\/subtask:\w+ \(writer\): diverged$/m);
    expect(offline.stdout).toContain('The system message (the instructions) changed');
    expect(offline.stdout).toMatch(/now: +You write in haiku only\./);
    expect(offline.stdout).toMatch(/^ {2}lead\/synthesis \(lead\): not reached$/m);

    fake.setResponder((request) =>
      request.body.messages[0]?.content?.includes('haiku') ? { text: 'Bees hum. Flowers bloom.' } : undefined,
    );
    try {
      const live = await baton(['test', file, '--graph', graph, '--live', '--json'], { env: openai() });
      expect(live.code, live.stderr).toBe(EXIT.ok);
      const [{ result }] = JSON.parse(live.stdout) as [{ result: { steps: { agentName: string; status: string }[] } }];
      // The writer, then the synthesis whose input (the writer's text) changed: two calls, the rest replayed.
      expect(fake.requests.length - before).toBe(2);
      expect(result.steps.filter((s) => s.status === 'diverged').map((s) => s.agentName)).toEqual(['writer', 'lead']);
      expect(result.steps.filter((s) => s.status === 'not_reached')).toEqual([]);
    } finally {
      fake.setResponder(undefined);
    }
  });

  it('--junit writes one testcase per case, a failure for each diverged one', async () => {
    const folder = temp.path('routing-cases');
    mkdirSync(folder);
    const review = await saveCase(
      'specialist-routing',
      GOALS['specialist-routing'],
      `${folder}/a-review.testcase.json`,
    );
    const data = await saveCase('specialist-routing', 'Analyse this sales data set', `${folder}/b-data.testcase.json`);
    expect(review.assertions.routes).toEqual([{ router: 'triage', target: 'code_review' }]);
    expect(data.assertions.routes?.[0]?.target).not.toBe('code_review');
    const graph = changedGraph('specialist-routing', 'code_review', 'Review code as a pirate.');
    const out = temp.path('out.xml');
    const { code, stdout } = await baton(['test', folder, '--graph', graph, '--junit', out], { env: openai() });
    expect(code).toBe(EXIT.failed);
    expect(stdout).toContain('2 cases: 1 passed, 0 failed, 1 diverged; 0 model calls.');
    const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(readFileSync(out, 'utf8'));
    const suite = xml.testsuites.testsuite;
    expect(suite).toMatchObject({ name: 'Specialist routing', tests: '2', failures: '1' });
    const cases = suite.testcase as { name: string; failure?: { type: string; message: string } }[];
    expect(cases.map((c) => c.name)).toEqual([GOALS['specialist-routing'], 'Analyse this sales data set']);
    expect(cases[0]!.failure).toMatchObject({ type: 'diverged', message: expect.stringContaining('code_review') });
    expect(cases[1]!.failure).toBeUndefined();
  });

  it('with no cases named, runs those kept beside the graph file', async () => {
    const folder = temp.path('beside');
    mkdirSync(folder);
    writeFileSync(`${folder}/review.baton.json`, readFileSync(example('peer-review')));
    await saveCase('peer-review', 'Relays', `${folder}/review.relays.testcase.json`);
    const { code, stdout } = await baton(['test', '--graph', `${folder}/review.baton.json`], { env: openai() });
    expect(code).toBe(EXIT.ok);
    expect(stdout).toContain('1 case: 1 passed');
    writeFileSync(`${folder}/lonely.baton.json`, readFileSync(example('peer-review')));
    const none = await baton(['test', '--graph', `${folder}/lonely.baton.json`]);
    expect(none.code).toBe(EXIT.ok);
    expect(none.stderr).toContain('no test cases beside it');
  });

  it('baton case makes the same case from a trace file', async () => {
    const trace = temp.path('review-trace.json');
    const saved = temp.path('review-run.testcase.json');
    const run = await baton(
      ['run', example('peer-review'), '--goal', 'Relays', '--quiet', '--trace', trace, '--save-case', saved],
      { env: openai() },
    );
    expect(run.code, run.stderr).toBe(EXIT.ok);
    const fromTrace = temp.path('from-trace.testcase.json');
    const made = await baton(['case', trace, '--out', fromTrace, '--name', 'Relays']);
    expect(made.code, made.stderr).toBe(EXIT.ok);
    const a = TestCase.parse(JSON.parse(readFileSync(saved, 'utf8')));
    const b = TestCase.parse(JSON.parse(readFileSync(fromTrace, 'utf8')));
    expect(b).toEqual(a);
    const { code } = await baton(['test', fromTrace, '--graph', example('peer-review')], { env: openai() });
    expect(code).toBe(EXIT.ok);
  });

  it('refuses a case file that is not one, with its JSON path and exit 3, before replaying anything', async () => {
    const good = temp.path('peer-review.testcase.json');
    const bad = temp.path('bad.testcase.json');
    const broken = JSON.parse(readFileSync(good, 'utf8'));
    delete broken.steps[0].inputHash;
    writeFileSync(bad, JSON.stringify(broken));
    const { code, stdout, stderr } = await baton(['test', good, bad, '--graph', example('peer-review')]);
    expect(code).toBe(EXIT.invalid);
    expect(stdout).toBe('');
    expect(stderr).toContain('is not a Baton test case');
    expect(stderr).toContain('$.steps[0].inputHash');
    const missing = await baton(['test', good]);
    expect(missing.code).toBe(EXIT.usage);
    expect(missing.stderr).toContain('--graph');
  });
});
