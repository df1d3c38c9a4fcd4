import type { GraphDocument } from '@baton/contracts';
import { describe, expect, it } from 'vitest';
import { sameRunShape } from './version-match';

const base: GraphDocument = {
  format: 'baton.graph',
  version: 2,
  id: 'g',
  name: 'G',
  description: '',
  nodes: [
    { id: 'input', kind: 'input', position: { x: 0, y: 0 }, data: { name: 'input', description: '' } },
    { id: 'output', kind: 'output', position: { x: 200, y: 0 }, data: { name: 'output', description: '' } },
  ],
  edges: [{ id: 'e', kind: 'handoff', source: 'input', target: 'output' }],
};

describe('sameRunShape', () => {
  it('ignores layout and names of the graph', () => {
    const moved = structuredClone(base);
    moved.nodes[0]!.position = { x: 50, y: 90 };
    moved.viewport = { x: 1, y: 2, zoom: 1.5 };
    moved.name = 'Renamed';
    expect(sameRunShape(base, moved)).toBe(true);
  });

  it('sees a changed node, edge or budget', () => {
    const renamed = structuredClone(base);
    renamed.nodes[1]!.data.name = 'result';
    expect(sameRunShape(base, renamed)).toBe(false);
    const budget = { ...structuredClone(base), budget: { maxModelCalls: 3 } };
    expect(sameRunShape(base, budget)).toBe(false);
    const noEdge = { ...structuredClone(base), edges: [] };
    expect(sameRunShape(base, noEdge)).toBe(false);
  });
});
