// Frozen graphs: the four examples exactly as graph format version 1 exported them. Every later Baton must read
// them (migrating as needed) into a valid graph; the files are never rewritten.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
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
    });
  }
});
