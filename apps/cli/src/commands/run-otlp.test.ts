// `baton run --otlp FILE`: the real binary writes the run as OTLP JSON Lines, the same spans (and ids) that the
// server's mapping makes of the trace file's events, with no content unless OTEL_* asks for it.
import { readFileSync } from 'node:fs';
import { otlpJsonLinesOf } from '@baton/server';
import { afterAll, describe, expect, it } from 'vitest';
import { baton, example, tempDir } from '../../test/baton';
import { readTrace } from '../../test/trace-checks';
import { EXIT } from '../exit-codes';

const temp = tempDir();
afterAll(() => temp.remove());

interface Span {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  attributes: { key: string }[];
}
const spansOf = (text: string) =>
  text
    .trimEnd()
    .split('\n')
    .flatMap((line) =>
      (JSON.parse(line) as { resourceSpans: { scopeSpans: { spans: Span[] }[] }[] }).resourceSpans.flatMap((rs) =>
        rs.scopeSpans.flatMap((s) => s.spans),
      ),
    );

describe('baton run --otlp', () => {
  it('writes one trace of GenAI spans, equal to what the server maps from the same events', async () => {
    const otlp = temp.path('run.otlp.jsonl');
    const trace = temp.path('run.json');
    const args = ['run', example('research-and-write'), '-g', 'Tide pools', '--quiet'];
    const { code } = await baton([...args, '--otlp', otlp, '--trace', trace]);
    expect(code).toBe(EXIT.ok);
    const text = readFileSync(otlp, 'utf8');
    const spans = spansOf(text);
    expect(new Set(spans.map((s) => s.traceId)).size).toBe(1);
    expect(spans.filter((s) => s.name.startsWith('invoke_workflow '))).toHaveLength(1);
    expect(spans.some((s) => s.name.startsWith('chat '))).toBe(true);
    expect(spans.flatMap((s) => s.attributes.map((a) => a.key)).filter((k) => k.includes('messages'))).toEqual([]);
    const file = readTrace(trace);
    const again = otlpJsonLinesOf(file.events, file.graph!.name, {
      serviceName: 'baton',
      captureContent: false,
      secrets: [],
    });
    expect(spansOf(again)).toEqual(spans);
  });
});
