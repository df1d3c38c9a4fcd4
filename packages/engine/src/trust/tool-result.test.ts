// wrapToolResult: a tool message's whole content. Every hostile output stays inside its one wrapper; a long result
// is cut at the cap with the note inside the wrapper; structured results are JSON.
import { describe, expect, it } from 'vitest';
import { HOSTILE_OUTPUTS } from '../testing/hostile-outputs';
import { parsePrompt } from '../testing/prompt-parser';
import { TOOL_RESULT_CHARS, wrapToolResult } from './wrap';

const NONCE = 'n0nce';

describe('wrapToolResult', () => {
  it('keeps every hostile output inside one wrapper, with nothing of it outside', () => {
    for (const output of HOSTILE_OUTPUTS) {
      const wrapped = wrapToolResult(NONCE, output);
      expect(wrapped.carriesData).toBe(true);
      const parsed = parsePrompt(wrapped.text, NONCE);
      expect(parsed.problems, output).toEqual([]);
      expect(parsed.wrappers.map((w) => w.data)).toEqual([output]);
      expect(parsed.engine.join('')).toBe('');
    }
  });

  it('cuts a result past the cap and says so inside the wrapper', () => {
    const long = 'x'.repeat(TOOL_RESULT_CHARS + 123);
    const parsed = parsePrompt(wrapToolResult(NONCE, long).text, NONCE);
    expect(parsed.problems).toEqual([]);
    const [body] = parsed.wrappers.map((w) => w.data);
    expect(body!.startsWith('x'.repeat(TOOL_RESULT_CHARS))).toBe(true);
    expect(body!.endsWith('\n[The result was cut here: 123 more characters were not sent.]')).toBe(true);
    expect(parsePrompt(wrapToolResult(NONCE, 'x'.repeat(TOOL_RESULT_CHARS)).text, NONCE).wrappers[0]!.data).toBe(
      'x'.repeat(TOOL_RESULT_CHARS),
    );
  });

  it('writes structured content as JSON', () => {
    const parsed = parsePrompt(wrapToolResult(NONCE, { total: 8, items: [1, 2] }).text, NONCE);
    expect(JSON.parse(parsed.wrappers[0]!.data)).toEqual({ total: 8, items: [1, 2] });
  });
});
