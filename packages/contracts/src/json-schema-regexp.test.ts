// Schema patterns run on RE2: linear time whatever the pattern, a bounded cost per validation, clear refusals.
import { describe, expect, it } from 'vitest';
import { type CompiledJsonSchema, compileJsonSchema, JSON_SCHEMA_LIMITS, validateJson } from './json-schema';

function compiled(schema: unknown): CompiledJsonSchema {
  const result = compileJsonSchema(schema);
  if (!result.ok) throw new Error(result.message);
  return result;
}

function timed<T>(run: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = run();
  return { value, ms: performance.now() - start };
}

describe('schema patterns on RE2', () => {
  it('checks a catastrophic pattern against a long hostile string in linear time', () => {
    const schema = compiled({ type: 'string', pattern: '^(a+)+$' });
    const hostile = `${'a'.repeat(200_000)}!`;
    const { value, ms } = timed(() => validateJson(schema, hostile));
    expect(value).toEqual([{ path: [], message: 'Expected text matching the pattern "^(a+)+$".' }]);
    expect(ms).toBeLessThan(250);
    // The backtracking engine doubles its time with every further character: on 22 it is slower than RE2 on 200,000.
    const native = timed(() => /^(a+)+$/u.test(`${'a'.repeat(22)}!`));
    expect(native.value).toBe(false);
    expect(native.ms).toBeGreaterThan(ms);
    expect(validateJson(schema, 'aaaa')).toEqual([]);
  });

  it('applies pattern, patternProperties and propertyNames as JSON Schema says', () => {
    const schema = compiled({
      type: 'object',
      propertyNames: { pattern: '^[a-z_]+$' },
      patternProperties: { '^n_': { type: 'number' }, é$: { const: 'accent' } },
      properties: { code: { type: 'string', pattern: '\\d{3}-\\u00e9' } },
    });
    expect(validateJson(schema, { n_a: 1, code: 'x123-é', caf_: 2 })).toEqual([]);
    expect(validateJson(schema, { n_a: 'one', code: '12-é', Bad: 1 })).toEqual([
      { path: [], message: 'Expected text matching the pattern "^[a-z_]+$".' },
      { path: [], message: 'The property name "Bad" is not allowed.' },
      { path: ['code'], message: 'Expected text matching the pattern "\\\\d{3}-\\\\u00e9".' },
      { path: ['n_a'], message: 'Expected a number, got a string.' },
    ]);
    // Named groups and slashes in JavaScript syntax are translated; Unicode classes work.
    const named = compiled({ type: 'string', pattern: '^(?<year>\\d{4})/\\p{L}+$' });
    expect(validateJson(named, '2024/Zürich')).toEqual([]);
    expect(validateJson(named, '2024/42')).toHaveLength(1);
  });

  it('matches . and \\s as ECMAScript does, where RE2 alone would not', () => {
    const cases: [string, string][] = [
      ['^.$', '\r'],
      ['^.$', '\u2028'],
      ['^.$', 'é'],
      ['^.$', '😀'],
      ['^\\s$', '\u00a0'],
      ['^\\s$', '\u3000'],
      ['^[\\s]$', '\ufeff'],
      ['^\\S+$', 'a\u00a0b'],
      ['^[a.]+$', 'a.a'],
      ['^[a.]+$', 'ab'],
      ['^\\.$', '.'],
      ['^\\.$', 'x'],
      ['^[^\\s]+$', 'ab'],
    ];
    for (const [pattern, text] of cases) {
      const schema = compiled({ type: 'string', pattern });
      const ecma = new RegExp(pattern, 'u').test(text);
      expect(validateJson(schema, text).length === 0, `${pattern} on ${JSON.stringify(text)}`).toBe(ecma);
    }
    // Long patterns of them still compile and run in linear time.
    const dots = compiled({ type: 'string', pattern: `^${'.'.repeat(999)}` });
    expect(timed(() => validateJson(dots, 'x'.repeat(200_000))).ms).toBeLessThan(250);
  });

  it('refuses what RE2 cannot run, saying why and where', () => {
    expect(compileJsonSchema({ properties: { a: { pattern: '^(?!x)' } } })).toEqual({
      ok: false,
      path: ['properties', 'a', 'pattern'],
      message:
        'The pattern "^(?!x)" cannot be used: lookahead and lookbehind ((?=, (?!, (?<=, (?<!) are not supported, because patterns run on a linear-time engine (RE2).',
    });
    expect(compileJsonSchema({ items: [{}, { pattern: '(.)\\1' }] })).toMatchObject({
      ok: false,
      path: ['items', 1, 'pattern'],
    });
    expect(compileJsonSchema({ pattern: '(a{100}){100}' })).toEqual({
      ok: false,
      path: ['pattern'],
      message:
        'The pattern "(a{100}){100}" cannot be used: a repetition count is over 1,000 (counts multiply when repetitions are nested).',
    });
    expect(compileJsonSchema({ pattern: '[' })).toMatchObject({ ok: false, path: ['pattern'] });
    // Names in "properties" and data under "const" or "enum" are not patterns.
    expect(compileJsonSchema({ properties: { pattern: { type: 'string' }, patternProperties: {} } }).ok).toBe(true);
    expect(compileJsonSchema({ const: { pattern: '(?=x)' }, enum: [{ pattern: '\\1' }] }).ok).toBe(true);
  });

  it('bounds what one validation may cost: the characters patterns read, the depth and the size', () => {
    const schema = compiled({ type: 'array', items: { type: 'string', pattern: '^a+$' } });
    const fits = Array.from({ length: 900 }, () => 'a'.repeat(1000));
    expect(validateJson(schema, fits)).toEqual([]);
    const over = Array.from({ length: JSON_SCHEMA_LIMITS.patternChars / 1000 + 1 }, () => 'a'.repeat(1000));
    const { value, ms } = timed(() => validateJson(schema, over));
    expect(value).toEqual([
      {
        path: [],
        message:
          "The value is too costly to check: the schema's patterns would have to read more than 1,000,000 characters of it.",
      },
    ]);
    expect(ms).toBeLessThan(250);
    // The allowance is per validation: the next one starts afresh.
    expect(validateJson(schema, fits)).toEqual([]);

    // A recursive schema follows the value down; a value deeper than the limit is refused, not a stack overflow.
    const tree = compiled({ $defs: { t: { type: 'array', items: { $ref: '#/$defs/t' } } }, $ref: '#/$defs/t' });
    let deep: unknown[] = [];
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(validateJson(tree, deep)).toEqual([
      {
        path: Array(JSON_SCHEMA_LIMITS.valueDepth).fill(0),
        message:
          'The value is nested too deeply: a value checked against a schema can nest objects and arrays at most 128 levels deep.',
      },
    ]);
    expect(validateJson(compiled({ type: 'string' }), 'x'.repeat(6 * 1024 * 1024))).toEqual([
      {
        path: [],
        message: 'The value is too large (6.0 MB): a value checked against a schema can be at most 5.0 MB of JSON.',
      },
    ]);
  });
});
