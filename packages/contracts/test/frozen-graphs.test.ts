// Frozen graphs: the four examples exactly as graph format version 1 exported them. Every later Baton must read
// them (migrating as needed) into a valid graph; the files are never rewritten.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { exportGraphJson } from '../src/graph/export';
import { parseGraph } from '../src/graph/parse-graph';

const DIR = fileURLToPath(new URL('./fixtures/graph-v1/', import.meta.url));
const FIXTURES = readdirSync(DIR).filter((name) => name.endsWith('.json'));

describe('frozen graph fixtures (format version 1)', () => {
  it('holds the four v1 examples', () => {
    expect(FIXTURES.sort()).toEqual([
      'peer-mesh.json',
      'peer-review.json',
      'research-and-write.json',
      'specialist-routing.json',
    ]);
  });

  for (const name of FIXTURES) {
    it(`${name} is version 1 and still reads as a valid graph`, () => {
      const text = readFileSync(DIR + name, 'utf8');
      expect(JSON.parse(text).version).toBe(1);
      const parsed = parseGraph(text);
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues, null, 2));
      expect(parsed.graph.nodes.length).toBeGreaterThan(2);
      // Migrated to the current version, with nothing else changed: the export is version 2, and the example of
      // the same name in examples/ is exactly that export.
      expect(parsed.graph.version).toBe(2);
      const exported = exportGraphJson(parsed.graph);
      expect(exported).toBe(text.replace('"version": 1,', '"version": 2,'));
      expect(exported).toBe(readFileSync(new URL(`../../../examples/${name}`, import.meta.url), 'utf8'));
    });
  }
});

describe('graph format version 2', () => {
  const v2 = (data: Record<string, unknown>, budget?: Record<string, unknown>) => ({
    format: 'baton.graph',
    version: 2,
    id: 'g',
    name: 'G',
    ...(budget ? { budget } : {}),
    nodes: [
      { id: 'in', kind: 'input', position: { x: 0, y: 0 }, data: {} },
      { id: 'calc', kind: 'specialist', position: { x: 1, y: 0 }, data: { name: 'calc', ...data } },
      { id: 'out', kind: 'output', position: { x: 2, y: 0 }, data: {} },
    ],
    edges: [
      { id: 'e1', kind: 'handoff', source: 'in', target: 'calc' },
      { id: 'e2', kind: 'handoff', source: 'calc', target: 'out' },
    ],
  });

  it('reads tools on an agent, its round limit and the maxToolCalls budget', () => {
    const parsed = parseGraph(
      v2({ tools: [{ source: 'builtin', name: 'calculator' }], maxToolRounds: 3 }, { maxToolCalls: 5 }),
    );
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    expect(parsed.graph.nodes[1]!.data).toMatchObject({ tools: [{ source: 'builtin', name: 'calculator' }] });
    expect(parsed.graph.budget).toEqual({ maxToolCalls: 5 });
  });

  it('refuses a tool named by anything but a configured source and a name, with its JSON path', () => {
    const parsed = parseGraph(v2({ tools: [{ source: 'https://evil.test', name: 'x' }] }));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.issues[0]!.path).toEqual(['nodes', 1, 'data', 'tools', 0, 'source']);
    expect(parsed.issues[0]!.message).toContain('configured name');
  });
});
