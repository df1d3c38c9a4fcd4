import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json';
import { type CompiledJsonSchema, compileJsonSchema, JSON_SCHEMA_LIMITS, validateJson } from './json-schema';

const RESEARCH = {
  type: 'object',
  properties: {
    sources: { type: 'array', items: { type: 'object' } },
    key_findings: { type: 'array', items: { type: 'string' } },
    confidence: { type: 'number', minimum: 0, maximum: 1 },
  },
  required: ['sources', 'key_findings', 'confidence'],
};

function compiled(schema: unknown): CompiledJsonSchema {
  const result = compileJsonSchema(schema);
  if (!result.ok) throw new Error(result.message);
  return result;
}

describe('compileJsonSchema', () => {
  it('compiles a 2020-12 schema and validates with paths and sentences', () => {
    const schema = compiled(RESEARCH);
    expect(validateJson(schema, { sources: [], key_findings: ['a'], confidence: 0.8 })).toEqual([]);
    expect(validateJson(schema, { sources: [1], key_findings: ['a', 2], confidence: 1.5 })).toEqual([
      { path: ['confidence'], message: 'Expected a number of at most 1, got 1.5.' },
      { path: ['key_findings', 1], message: 'Expected a string, got the number 2.' },
      { path: ['sources', 0], message: 'Expected an object, got the number 1.' },
    ]);
    expect(validateJson(schema, { sources: [] })).toEqual([
      { path: ['key_findings'], message: 'This required property is missing.' },
      { path: ['confidence'], message: 'This required property is missing.' },
    ]);
  });

  it('describes the common keywords in sentences', () => {
    const schema = compiled({
      type: 'object',
      additionalProperties: false,
      properties: {
        kind: { enum: ['a', 'b'] },
        name: { type: 'string', minLength: 2, pattern: '^[a-z]+$' },
        tags: { type: 'array', uniqueItems: true, maxItems: 2 },
        maybe: { type: ['string', 'null'] },
      },
    });
    expect(validateJson(schema, { kind: 'c', name: 'A', tags: [1, 1, 2], maybe: 3, extra: true })).toEqual([
      { path: ['extra'], message: 'This property is not allowed here.' },
      { path: ['kind'], message: 'Expected one of "a", "b".' },
      { path: ['maybe'], message: 'Expected a string or null, got the number 3.' },
      { path: ['name'], message: 'Expected at least 2 characters.' },
      { path: ['name'], message: 'Expected text matching the pattern "^[a-z]+$".' },
      { path: ['tags'], message: 'Expected at most 2 items.' },
      { path: ['tags'], message: 'Items 0 and 1 are equal; the items must be unique.' },
    ]);
  });

  it('resolves local references and numeric-looking object keys stay strings', () => {
    const schema = compiled({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      properties: { '0': { $ref: '#/$defs/n' } },
      $defs: { n: { type: 'number' } },
    });
    expect(validateJson(schema, { '0': 'x' })).toEqual([{ path: ['0'], message: 'Expected a number, got a string.' }]);
  });

  it('refuses remote references, other dialects and invalid schemas with one sentence', () => {
    expect(compileJsonSchema({ $ref: 'https://example.com/s.json' })).toEqual({
      ok: false,
      message:
        'The schema refers to "https://example.com/s.json": only references inside the schema (starting with "#") are allowed.',
    });
    expect(compileJsonSchema({ properties: { a: { $dynamicRef: 'other.json#x' } } }).ok).toBe(false);
    expect(compileJsonSchema({ $schema: 'http://json-schema.org/draft-07/schema#' })).toEqual({
      ok: false,
      message:
        'The schema declares the dialect "http://json-schema.org/draft-07/schema#": only JSON Schema 2020-12 is supported.',
    });
    expect(compileJsonSchema({ properties: { a: { type: 'strnig' } } })).toEqual({
      ok: false,
      message:
        'The schema is not valid JSON Schema 2020-12 at /properties/a/type: must be equal to one of the allowed values.',
    });
    expect(compileJsonSchema({ $ref: '#/$defs/missing' })).toEqual({
      ok: false,
      message: "The schema cannot be compiled: can't resolve reference #/$defs/missing from id #.",
    });
    expect(compileJsonSchema({ pattern: '(' }).ok).toBe(false);
    expect(compileJsonSchema([])).toEqual({ ok: false, message: 'A schema must be a JSON object.' });
    // A `$ref` inside data keywords is text, not a reference.
    expect(compileJsonSchema({ const: { $ref: 'https://example.com' } }).ok).toBe(true);
  });

  it('refuses schemas over the size, depth and pattern caps', () => {
    let deep: Record<string, unknown> = { type: 'string' };
    for (let i = 0; i < 10_000; i++) deep = { items: deep };
    expect(compileJsonSchema(deep)).toEqual({
      ok: false,
      message: 'The schema is nested too deeply: at most 32 levels.',
    });
    const big = { description: 'x'.repeat(JSON_SCHEMA_LIMITS.chars) };
    expect(compileJsonSchema(big)).toEqual({
      ok: false,
      message: 'The schema is too large: at most 65536 characters of JSON.',
    });
    expect(compileJsonSchema({ pattern: 'a'.repeat(1001) }).ok).toBe(false);
    expect(compileJsonSchema({ patternProperties: { ['a'.repeat(1001)]: {} } }).ok).toBe(false);
  });

  it('keeps schemas with the same $id apart and caches by canonical JSON', () => {
    const a = compiled({ $id: 'https://example.com/s', type: 'string' });
    const b = compiled({ $id: 'https://example.com/s', type: 'number' });
    expect(validateJson(a, 'x')).toEqual([]);
    expect(validateJson(b, 1)).toEqual([]);
    expect(compiled({ type: 'string', $id: 'https://example.com/s' })).toBe(a);
    // The meta-schema's own id cannot be taken over.
    const meta = compileJsonSchema({ $id: 'https://json-schema.org/draft/2020-12/schema', type: 'string' });
    expect(meta.ok).toBe(true);
    expect(compiled({ type: 'object', properties: { a: { type: 'string' } } }).ok).toBe(true);
  });

  it('ignores unknown keywords and treats format as an annotation', () => {
    const schema = compiled({ type: 'string', format: 'email', 'x-widget': 'textarea' });
    expect(validateJson(schema, 'not an email')).toEqual([]);
  });

  it('never lets __proto__, constructor or prototype keys reach a prototype', () => {
    const schema = JSON.parse(
      '{"type":"object","properties":{"__proto__":{"type":"object","properties":{"polluted":{"const":1}}},"constructor":{"type":"string"},"prototype":{}},"default":{"__proto__":{"polluted":1}}}',
    );
    const result = compiled(schema);
    const value = JSON.parse('{"__proto__":{"polluted":1},"constructor":"x"}');
    expect(validateJson(result, value)).toEqual([]);
    expect(validateJson(result, JSON.parse('{"constructor":1}'))).toEqual([
      { path: ['constructor'], message: 'Expected a string, got the number 1.' },
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every level and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { y: 1, x: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[3,{"x":2,"y":1}]},"b":1}',
    );
    expect(canonicalJson('x')).toBe('"x"');
    expect(canonicalJson(null)).toBe('null');
  });
});
