// canonicalJson: byte-identical to the earlier (array + join) implementation on random values; precomputed texts.
import { describe, expect, it } from 'vitest';
import { CanonicalText, canonicalJson, canonicalText } from './canonical-json';

/** The implementation hashes were first made with; the single-pass one must give the same bytes. */
function reference(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map((item) => reference(item === undefined ? null : item)).join(',')}]`;
  const record = value as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of Object.keys(record).sort()) {
    const member = record[key];
    if (member === undefined || typeof member === 'function') continue;
    parts.push(`${JSON.stringify(key)}:${reference(member)}`);
  }
  return `{${parts.join(',')}}`;
}

/** A seeded generator (mulberry32), so a failure can be replayed. */
function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  return { next, int, pick };
}

type Gen = ReturnType<typeof generator>;

// Characters that JSON escapes or that sort unlike their code points: quotes, controls, astral, lone surrogates.
const CHARS = [
  'a',
  'b',
  'Z',
  '0',
  '9',
  ' ',
  '"',
  '\\',
  '\n',
  '\u0001',
  '\u007f',
  'é',
  '\u2028',
  '😀',
  '\ud800',
  '\udfff',
];
const KEYS = ['a', 'b', 'B', '10', '9', '01', '-1', '', 'é', '😀', '\ud83d', 'constructor', 'length', 'a b'];
const NUMBERS = [0, -0, 1, -1, 0.1, 1e21, 1e-7, 123456789.123, Number.MAX_SAFE_INTEGER, Number.NaN, Infinity];

function randomString(g: Gen): string {
  let text = '';
  for (let i = g.int(8); i > 0; i--) text += g.pick(CHARS);
  return text;
}

function randomValue(g: Gen, depth: number): unknown {
  const kind = g.int(depth > 3 ? 5 : 8);
  switch (kind) {
    case 0:
      return null;
    case 1:
      return g.next() < 0.5;
    case 2:
      return g.next() < 0.5 ? g.pick(NUMBERS) : (g.next() - 0.5) * 10 ** g.int(12);
    case 3:
      return randomString(g);
    case 4:
      return undefined;
    case 5: {
      const items: unknown[] = [];
      for (let i = g.int(5); i > 0; i--) items.push(randomValue(g, depth + 1));
      return items;
    }
    default: {
      const record: Record<string, unknown> = {};
      for (let i = g.int(6); i > 0; i--) {
        const key = g.next() < 0.7 ? g.pick(KEYS) : randomString(g);
        record[key] = randomValue(g, depth + 1);
      }
      return record;
    }
  }
}

describe('canonicalJson', () => {
  it('gives the reference implementation\u2019s bytes on thousands of random values', () => {
    for (let seed = 1; seed <= 3000; seed++) {
      const value = randomValue(generator(seed), 0);
      const expected = reference(value);
      if (canonicalJson(value) !== expected) {
        // Report the seed, so the failure can be replayed.
        expect({ seed, text: canonicalJson(value) }).toEqual({ seed, text: expected });
      }
    }
  });

  it('is valid JSON that parses back to the value (key order aside)', () => {
    const value = { z: [1, 'two', { y: null, x: true }], a: { '10': 1, '9': 2 }, m: 'a"b\\c\n😀' };
    const text = canonicalJson(value);
    expect(JSON.parse(text)).toEqual(value);
    expect(text).toBe('{"a":{"10":1,"9":2},"m":"a\\"b\\\\c\\n😀","z":[1,"two",{"x":true,"y":null}]}');
  });

  it('writes what JSON.stringify writes for edge numbers and missing values', () => {
    expect(canonicalJson([-0, Number.NaN, -Infinity, 1e21, 5e-7, undefined])).toBe('[0,null,null,1e+21,5e-7,null]');
    expect(canonicalJson({ a: undefined, b: () => 1, c: 1 })).toBe('{"c":1}');
    expect(canonicalJson(undefined)).toBe('null');
    expect(canonicalJson(JSON.parse('{"__proto__":{"b":1,"a":2}}'))).toBe('{"__proto__":{"a":2,"b":1}}');
    expect(() => canonicalJson({ a: 1n })).toThrow();
  });

  it('does not reorder the caller\u2019s object', () => {
    const value = { b: 1, a: 2 };
    canonicalJson(value);
    expect(Object.keys(value)).toEqual(['b', 'a']);
  });
});

describe('canonicalText', () => {
  it('stands in for its value: an input holding it gives the same text as one holding the value', () => {
    const results = [
      ['w2', { b: 'x', a: [1, 2] }],
      ['w1', 'plain'],
    ];
    const shared = canonicalText(results);
    expect(shared).toBeInstanceOf(CanonicalText);
    expect(canonicalJson({ goal: 'g', results: shared })).toBe(canonicalJson({ results, goal: 'g' }));
    expect(canonicalJson([shared, shared])).toBe(canonicalJson([results, results]));
    expect(canonicalJson(shared)).toBe(canonicalJson(results));
  });
});
