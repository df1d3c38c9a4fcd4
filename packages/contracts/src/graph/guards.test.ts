import { describe, expect, it } from 'vitest';
import { checkJsonText, checkJsonValue, type JsonLimits } from './guards';

const BODY: JsonLimits = {
  bytes: 6 * 1024 * 1024,
  depth: 65,
  subject: 'The body',
  noun: 'a body',
  protoKeys: 'refuse',
};

function timed<T>(run: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = run();
  return { value, ms: performance.now() - start };
}

describe('JSON guards with limits of their own', () => {
  it('stay linear on a wide value deep down: a million items 60 levels deep', () => {
    const text = `${'['.repeat(60)}${Array(1_000_000).fill(1).join(',')}${']'.repeat(60)}`;
    const scanned = timed(() => checkJsonText(text, BODY));
    expect(scanned.value).toBeUndefined();
    const walked = timed(() => checkJsonValue(JSON.parse(text), BODY));
    expect(walked.value.ok).toBe(true);
    // Copying each item's path made the walk take seconds; each now points at its parent.
    expect(scanned.ms).toBeLessThan(1500);
    expect(walked.ms).toBeLessThan(1500);
  });

  it('finds __proto__ keys in the text, escaped or not, with their path', () => {
    const issue = { code: 'invalid_shape', message: 'The key "__proto__" is not allowed in a body.' };
    expect(checkJsonText('{"a":[1,{"__proto__":{}}]}', BODY)).toEqual({ ...issue, path: ['a', 1, '__proto__'] });
    expect(checkJsonText('{"a":{"\\u005f_proto__":1}}', BODY)).toEqual({ ...issue, path: ['a', '__proto__'] });
    expect(checkJsonText('{"__proto__x":1,"x__proto__":2,"__proto":3}', BODY)).toBeUndefined();
    expect(checkJsonText('{"__proto__":1}', { ...BODY, protoKeys: 'allow' })).toBeUndefined();
    expect(checkJsonValue(JSON.parse('{"b":{"__proto__":1}}'), BODY)).toEqual({
      ok: false,
      issues: [{ ...issue, path: ['b', '__proto__'] }],
    });
  });

  it('count a value that is one long string towards the size', () => {
    expect(checkJsonValue('x'.repeat(7 * 1024 * 1024), BODY)).toMatchObject({
      ok: false,
      issues: [{ code: 'too_large', message: 'The body is too large (7.0 MB): a body can be at most 6.0 MB of JSON.' }],
    });
  });

  it('cut long keys in the path of a refusal, so that it never echoes a huge key', () => {
    const key = 'k'.repeat(10_000);
    const problem = checkJsonText(`{"${key}":${'['.repeat(100)}${']'.repeat(100)}}`, BODY);
    expect(problem?.code).toBe('too_deep');
    expect(problem?.path[0]).toBe(`${'k'.repeat(100)}...`);
  });
});
