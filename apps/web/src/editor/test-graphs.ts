// Small graph documents for the editor's unit tests.
import type { GraphDocument } from '@baton/contracts';

export function emptyGraph(): GraphDocument {
  return { format: 'baton.graph', version: 2, id: 'g1', name: 'Test', description: '', nodes: [], edges: [] };
}

/** Input -> orchestrator (workers research, writer) -> output. */
export function researchGraph(): GraphDocument {
  return {
    ...emptyGraph(),
    nodes: [
      { id: 'in', kind: 'input', position: { x: 0, y: 0 }, data: { name: 'input', description: '' } },
      {
        id: 'lead',
        kind: 'orchestrator',
        position: { x: 300, y: 0 },
        data: {
          name: 'lead',
          description: 'Plans the work',
          instructions: '',
          synthesisInstructions: '',
          tier: 'balanced',
          concurrency: 4,
        },
      },
      {
        id: 'research',
        kind: 'specialist',
        position: { x: 300, y: 200 },
        data: { name: 'research', description: 'Finds sources', instructions: '', tier: 'balanced' },
      },
      {
        id: 'writer',
        kind: 'specialist',
        position: { x: 600, y: 200 },
        data: { name: 'writer', description: 'Writes', instructions: '', tier: 'deep' },
      },
      { id: 'out', kind: 'output', position: { x: 900, y: 0 }, data: { name: 'output', description: '' } },
    ],
    edges: [
      { id: 'e1', kind: 'handoff', source: 'in', target: 'lead' },
      { id: 'e2', kind: 'dispatch', source: 'lead', target: 'research' },
      { id: 'e3', kind: 'dispatch', source: 'lead', target: 'writer' },
      { id: 'e4', kind: 'handoff', source: 'lead', target: 'out' },
    ],
  };
}

/** A counter id source, so tests know the ids the store will make. */
export function counterIds(): (prefix: 'n' | 'e') => string {
  let n = 0;
  return (prefix) => `${prefix}${++n}`;
}
