// `baton run --traceparent`: the run joins the caller's W3C trace. The real binary, the real openai SDK and the fake
// OpenAI-compatible server: each model request carries a traceparent in the caller's trace whose parent is that
// call's own `chat` span, and the OTLP file's run span is a child of the caller's span.
import { readFileSync } from 'node:fs';
import { type FakeOpenAIServer, startFakeOpenAIServer } from '@baton/engine/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baton, example, tempDir } from '../../test/baton';
import { EXIT } from '../exit-codes';

const CALLER_TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_SPAN = '00f067aa0ba902b7';
const TRACEPARENT = `00-${CALLER_TRACE}-${CALLER_SPAN}-01`;

let fake: FakeOpenAIServer;
const temp = tempDir();
beforeAll(async () => {
  fake = await startFakeOpenAIServer();
});
afterAll(async () => {
  await fake.close();
  temp.remove();
});
const openai = () => ({ OPENAI_API_KEY: 'sk-cli-trace-test', OPENAI_BASE_URL: fake.baseURL });

interface Span {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
}
const spansOf = (text: string): Span[] =>
  text
    .trimEnd()
    .split('\n')
    .flatMap((line) =>
      (JSON.parse(line) as { resourceSpans: { scopeSpans: { spans: Span[] }[] }[] }).resourceSpans.flatMap((rs) =>
        rs.scopeSpans.flatMap((s) => s.spans),
      ),
    );

describe('baton run --traceparent', () => {
  it('makes the run a child of the caller\u2019s trace, and each model request carries it on from its chat span', async () => {
    const before = fake.requests.length;
    const otlp = temp.path('child.otlp.jsonl');
    const args = [
      'run',
      example('peer-review'),
      '-g',
      'Relays',
      '--quiet',
      '--otlp',
      otlp,
      '--traceparent',
      TRACEPARENT,
    ];
    const { code, stderr } = await baton(args, { env: openai() });
    expect(code, stderr).toBe(EXIT.ok);

    const spans = spansOf(readFileSync(otlp, 'utf8'));
    expect(new Set(spans.map((s) => s.traceId))).toEqual(new Set([CALLER_TRACE]));
    const root = spans.find((s) => s.name.startsWith('invoke_workflow '))!;
    expect(root.parentSpanId).toBe(CALLER_SPAN);

    const requests = fake.requests.slice(before);
    expect(requests.length).toBeGreaterThanOrEqual(3); // the writer, the reviewer, a revision at least
    const chats = new Set(spans.filter((s) => s.name.startsWith('chat ')).map((s) => s.spanId));
    expect(chats.size).toBe(requests.length);
    const parents = requests.map((r) => {
      const match = /^00-([0-9a-f]{32})-([0-9a-f]{16})-01$/.exec(String(r.headers.traceparent));
      expect(match, String(r.headers.traceparent)).not.toBeNull();
      expect(match![1]).toBe(CALLER_TRACE);
      return match![2]!;
    });
    // One chat span per request, each request's parent its own: the trace backend nests the gateway's spans there.
    expect(new Set(parents)).toEqual(chats);
  });

  it('refuses a malformed traceparent with exit code 2 and a sentence, before any model call', async () => {
    const before = fake.requests.length;
    for (const bad of [
      '00-xyz-00f067aa0ba902b7-01',
      `00-${'0'.repeat(32)}-${CALLER_SPAN}-01`,
      `ff-${CALLER_TRACE}-${CALLER_SPAN}-01`,
    ]) {
      const { code, stdout, stderr } = await baton(
        ['run', example('peer-review'), '-g', 'Relays', '--traceparent', bad],
        {
          env: openai(),
        },
      );
      expect(code).toBe(EXIT.usage);
      expect(stdout).toBe('');
      expect(stderr).toContain('--traceparent must be a W3C traceparent');
      expect(stderr).toContain(bad);
    }
    expect(fake.requests.length).toBe(before);
  });
});
