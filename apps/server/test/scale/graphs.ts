// The graph the scale-out test runs a hundred times: three agents one after another, so that a run a worker dies in
// has calls behind it (completed, not to be paid again) and ahead of it.
import type { GraphDocumentInput } from '@baton/contracts';

const agent = (id: string, x: number, instructions: string) => ({
  id,
  kind: 'specialist' as const,
  position: { x, y: 0 },
  data: { name: id, description: `The ${id}.`, instructions },
});

export function chainGraph(): GraphDocumentInput {
  return {
    format: 'baton.graph',
    version: 2,
    id: 'scale-chain',
    name: 'Chain of three',
    description: 'research -> draft -> polish',
    nodes: [
      { id: 'in', kind: 'input', position: { x: 0, y: 0 }, data: { name: 'input' } },
      agent('research', 200, 'You are the researcher. Find the facts.'),
      agent('draft', 400, 'You are the drafter. Write a first draft.'),
      agent('polish', 600, 'You are the editor. Polish the draft.'),
      { id: 'out', kind: 'output', position: { x: 800, y: 0 }, data: { name: 'output' } },
    ],
    edges: [
      { id: 'e1', kind: 'handoff', source: 'in', target: 'research' },
      { id: 'e2', kind: 'handoff', source: 'research', target: 'draft' },
      { id: 'e3', kind: 'handoff', source: 'draft', target: 'polish' },
      { id: 'e4', kind: 'handoff', source: 'polish', target: 'out' },
    ],
  };
}
