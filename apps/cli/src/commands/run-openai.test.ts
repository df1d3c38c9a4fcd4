// `baton run` with the openai provider: the real openai SDK in the child, against the fake OpenAI-compatible server.
import { readFileSync } from 'node:fs';
import { RunEvent, RunRecord } from '@baton/contracts';
import { type FakeOpenAIServer, startFakeOpenAIServer } from '@baton/engine/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baton, example, startBaton, tempDir } from '../../test/baton';
import { readTrace } from '../../test/trace-checks';
import { EXIT } from '../exit-codes';

const KEY = 'sk-cli-test-4f8a1c0e9b7d';
let fake: FakeOpenAIServer;
const temp = tempDir();
beforeAll(async () => {
  fake = await startFakeOpenAIServer();
});
afterAll(async () => {
  await fake.close();
  temp.remove();
});
const openai = () => ({ OPENAI_API_KEY: KEY, OPENAI_BASE_URL: fake.baseURL, BATON_MODEL_BALANCED: 'fake-balanced' });

describe('baton run with the openai provider', () => {
  it('runs the graph through the fake server and never writes the key, even when a model echoes it', async () => {
    const before = fake.requests.length;
    // The writer's first draft quotes the key: stdout, the events and the trace must carry "[redacted]" instead.
    fake.enqueue({ text: `A draft about relays. The key is ${KEY}.` });
    const events = temp.path('openai.ndjson');
    const trace = temp.path('openai-trace.json');
    const args = ['run', example('peer-review'), '--goal', 'Relays', '--json', '--events', events, '--trace', trace];
    const { code, stdout, stderr } = await baton(args, { env: openai() });
    expect(code, stderr).toBe(EXIT.ok);
    const record = RunRecord.parse(JSON.parse(stdout));
    expect(record.status).toBe('completed');
    expect(fake.requests.length - before).toBeGreaterThanOrEqual(2);
    expect(fake.requests.at(-1)?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(fake.requests.some((r) => r.body.model === 'fake-balanced')).toBe(true);

    const lines = readFileSync(events, 'utf8').trim().split('\n');
    const parsed = lines.map((line) => RunEvent.parse(JSON.parse(line)));
    const started = parsed.find((e) => e.type === 'run.started');
    expect(started?.type === 'run.started' && started.provider.kind).toBe('openai');
    for (const text of [stdout, stderr, readFileSync(events, 'utf8'), readFileSync(trace, 'utf8')]) {
      expect(text).not.toContain(KEY);
    }
    // Scrubbed before sealing: the text says [redacted], no event is marked, and the whole log verifies.
    expect(parsed.some((e) => JSON.stringify(e).includes('[redacted]'))).toBe(true);
    expect(parsed.some((e) => e.redacted === true)).toBe(false);
    expect(readTrace(trace).run.id).toBe(record.id);
  });

  it('exits 1 when the model server refuses every call, with the reason on stderr', async () => {
    fake.setResponder(() => ({ fault: { kind: 'status', status: 400, message: 'This model does not exist.' } }));
    try {
      const { code, stdout, stderr } = await baton(['run', example('peer-review'), '--goal', 'Relays'], {
        env: openai(),
      });
      expect(code).toBe(EXIT.failed);
      expect(stdout).toBe('');
      expect(stderr).toContain('The run failed');
    } finally {
      fake.setResponder(undefined);
    }
  });

  it('Ctrl+C (SIGINT) cancels the run with exit 130, and the trace it writes still verifies', async () => {
    fake.setHoldAll(true);
    const trace = temp.path('cancelled.json');
    const running = startBaton(['run', example('peer-review'), '--goal', 'Relays', '--trace', trace], {
      env: openai(),
    });
    try {
      await fake.waitForHeld(1); // the writer's call is in flight at the fake server
      await running.waitFor('writer: started');
      running.child.kill('SIGINT');
      const { code, stderr } = await running.done;
      expect(code, stderr).toBe(EXIT.cancelled);
      expect(stderr).toContain('The run was cancelled');
      const file = readTrace(trace);
      expect(file.run.status).toBe('cancelled');
      expect(file.events.at(-1)?.type).toBe('run.cancelled');
      await fake.waitForAborted(1); // the SDK's request was aborted, not left running
    } finally {
      fake.setHoldAll(false);
      fake.release();
    }
  });
});
