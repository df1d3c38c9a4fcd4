import { describe, expect, it } from 'vitest';
import { exportGraphJson } from './export';
import { parseGraph, parseGraphShape } from './parse-graph';
import { minimal } from './rules/test-graph';

describe('parseGraph input guards', () => {
  it('refuses a 10 MB document, as text or as a value, with a clear error', () => {
    const huge = { ...minimal(), description: 'x'.repeat(10 * 1024 * 1024) };
    const message = 'The document is too large (10.0 MB): a graph can be at most 5.0 MB of JSON.';
    expect(parseGraph(JSON.stringify(huge))).toEqual({ ok: false, issues: [{ code: 'too_large', path: [], message }] });
    const asValue = parseGraph(huge);
    expect(asValue).toMatchObject({ ok: false, issues: [{ code: 'too_large', path: [] }] });
  });

  it('refuses 10,000-deep nesting, as text or as a value, without overflowing the stack', () => {
    const message = 'The document is nested too deeply: a graph can nest objects and arrays at most 64 levels deep.';
    const text = `{"format":"baton.graph","version":1,"x":${'['.repeat(10_000)}${']'.repeat(10_000)}}`;
    // The path leads to the first container past the limit: the 65th level.
    const textPath = ['x', ...Array<number>(63).fill(0)];
    expect(parseGraph(text)).toEqual({ ok: false, issues: [{ code: 'too_deep', path: textPath, message }] });
    let deep: unknown = 1;
    for (let i = 0; i < 10_000; i++) deep = { a: deep };
    expect(parseGraph({ ...minimal(), nodes: [deep] })).toEqual({
      ok: false,
      issues: [{ code: 'too_deep', path: ['nodes', 0, ...Array<string>(62).fill('a')], message }],
    });
    // Deep but unclosed text is still refused for its depth first, never parsed.
    expect(parseGraph('['.repeat(100_000))).toMatchObject({ ok: false, issues: [{ code: 'too_deep' }] });
  });

  it('says where JSON text goes wrong', () => {
    expect(parseGraph('{\n  "format": "baton.graph",\n  "version": 1,\n}')).toEqual({
      ok: false,
      issues: [
        {
          code: 'invalid_json',
          path: [],
          message:
            'The text is not valid JSON: expected a property name in double quotes, found "}" at line 4, column 1 (position 45).',
        },
      ],
    });
    const cases: [string, string][] = [
      ['', 'The text is not valid JSON: the text ends before the document does at line 1, column 1 (position 0).'],
      [
        '{"a" 1}',
        'The text is not valid JSON: expected ":" after a property name, found "1" at line 1, column 6 (position 5).',
      ],
      [
        '{"a":1} x',
        'The text is not valid JSON: unexpected "x" after the end of the document at line 1, column 9 (position 8).',
      ],
      ['["a\\q"]', 'The text is not valid JSON: a malformed escape in a string at line 1, column 4 (position 3).'],
      ['[1,]', 'The text is not valid JSON: unexpected "]" at line 1, column 4 (position 3).'],
      ['["abc', 'The text is not valid JSON: a string that is never closed at line 1, column 2 (position 1).'],
      ['[-]', 'The text is not valid JSON: a malformed number at line 1, column 2 (position 1).'],
      ['[tru]', 'The text is not valid JSON: unexpected "t" at line 1, column 2 (position 1).'],
    ];
    for (const [text, message] of cases) {
      expect(parseGraph(text)).toEqual({ ok: false, issues: [{ code: 'invalid_json', path: [], message }] });
    }
  });

  it('parses valid JSON text the same as the value', () => {
    expect(parseGraph(JSON.stringify(minimal()))).toEqual(parseGraph(minimal()));
    expect(parseGraph(JSON.stringify(minimal())).ok).toBe(true);
  });

  it('lets no __proto__, constructor or prototype key reach a prototype', () => {
    const text = JSON.stringify(minimal()).replace(
      '"data":{"name":"writer"}',
      '"data":{"name":"writer","outputSchema":{"type":"object","properties":{"constructor":{"type":"string"},"prototype":{}},"default":{"__proto__":{"polluted":1}}}}',
    );
    expect(text).toContain('__proto__');
    const result = parseGraph(text);
    expect(result).toEqual({
      ok: false,
      issues: [
        {
          code: 'invalid_shape',
          path: ['nodes', 1, 'data', 'outputSchema', 'default', '__proto__'],
          message: 'The key "__proto__" is not allowed in a graph.',
        },
      ],
    });
    expect(parseGraph(JSON.parse(text))).toEqual(result);
    const top = parseGraph('{"__proto__":{"polluted":1},"format":"baton.graph","version":1}');
    expect(top).toMatchObject({ ok: false, issues: [{ path: ['__proto__'] }] });
    // constructor and prototype are ordinary keys: kept as data, never as a prototype.
    const fine = parseGraph(text.replace(',"default":{"__proto__":{"polluted":1}}', ''));
    if (!fine.ok) throw new Error(JSON.stringify(fine.issues));
    const writer = fine.graph.nodes[1]!;
    const schema = writer.kind === 'specialist' ? writer.data.outputSchema : undefined;
    expect(Object.keys((schema?.properties ?? {}) as object)).toEqual(['constructor', 'prototype']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(schema)).toBe(Object.prototype);
  });
});

describe('parseGraph formats and versions', () => {
  it('refuses another format or an unknown version with one clear error', () => {
    expect(parseGraph({ ...minimal(), format: 'flowise' })).toEqual({
      ok: false,
      issues: [
        {
          code: 'unknown_format',
          path: ['format'],
          message: 'This is not a Baton graph: "format" must be "baton.graph", got "flowise".',
        },
      ],
    });
    expect(parseGraph({ ...minimal(), version: 3 })).toEqual({
      ok: false,
      issues: [
        {
          code: 'unknown_version',
          path: ['version'],
          message: 'This graph has version 3, which this Baton cannot read: it reads versions 1 to 2.',
        },
      ],
    });
    expect(parseGraph('[]')).toMatchObject({ ok: false, issues: [{ code: 'invalid_shape', path: [] }] });
  });

  it('reports shape problems with paths and the node they concern', () => {
    const g = minimal();
    (g.nodes[1]!.data as { name: string }).name = 'Bad Name';
    expect(parseGraphShape(g)).toEqual({
      ok: false,
      issues: [
        {
          code: 'invalid_shape',
          path: ['nodes', 1, 'data', 'name'],
          message:
            'A name must start with a lower-case letter and use only a-z, 0-9 and _ (at most 64 characters), like "code_review".',
          nodeId: 'writer',
        },
      ],
    });
  });

  it('lets a draft with rule problems through parseGraphShape but not parseGraph', () => {
    const g = minimal();
    g.edges = [];
    g.nodes.push({ id: 'in2', kind: 'input', position: { x: 0, y: 0 }, data: { name: 'in2' } });
    expect(parseGraphShape(g).ok).toBe(true);
    expect(parseGraph(g)).toMatchObject({
      ok: false,
      issues: [{ code: 'input_count' }, { code: 'disconnected' }, { code: 'unreachable' }],
    });
  });
});

describe('exportGraphJson', () => {
  it('writes keys in the schema order whatever order they came in, pretty, with a final newline', () => {
    const shuffled = {
      edges: [{ target: 'out', source: 'in', kind: 'handoff', id: 'e1' }],
      nodes: [
        { data: { name: 'output' }, position: { y: 2, x: 1 }, kind: 'output', id: 'out' },
        { data: {}, position: { x: 0, y: 0 }, kind: 'input', id: 'in' },
      ],
      name: 'Shuffled',
      id: 'g',
      version: 1,
      format: 'baton.graph',
    };
    const text = exportGraphJson(shuffled as never);
    // A version 1 document goes out as version 2.
    expect(text.startsWith('{\n  "format": "baton.graph",\n  "version": 2,\n  "id": "g",\n  "name": "Shuffled",')).toBe(
      true,
    );
    expect(text).toContain(
      '{\n      "id": "out",\n      "kind": "output",\n      "position": {\n        "x": 1,\n        "y": 2\n      },',
    );
    expect(text).toContain('"id": "e1",\n      "kind": "handoff",\n      "source": "in",\n      "target": "out"');
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('throws a GraphValidationError for a bad shape', () => {
    expect(() => exportGraphJson({ ...minimal(), nodes: 'no' } as never)).toThrow(/The graph is not valid/);
  });
});
