// Graph documents for tests: a runnable one (input -> agent -> output) and ways to break it.
import type { GraphDocumentInput, HandoffContract } from '@baton/contracts';

export function agentGraph(id = 'g-test', contract?: HandoffContract): GraphDocumentInput {
  return {
    format: 'baton.graph',
    version: 2,
    id,
    name: 'Test graph',
    description: 'input -> writer -> output',
    nodes: [
      { id: 'in', kind: 'input', position: { x: 0, y: 0 }, data: { name: 'input' } },
      {
        id: 'writer',
        kind: 'specialist',
        position: { x: 200, y: 0 },
        data: { name: 'writer', description: 'Writes.', instructions: 'Write it.' },
      },
      { id: 'out', kind: 'output', position: { x: 400, y: 0 }, data: { name: 'output' } },
    ],
    edges: [
      { id: 'e1', kind: 'handoff', source: 'in', target: 'writer' },
      { id: 'e2', kind: 'handoff', source: 'writer', target: 'out', ...(contract ? { contract } : {}) },
    ],
  };
}

export const findingsContract: HandoffContract = {
  name: 'findings',
  schema: {
    type: 'object',
    properties: { summary: { type: 'string' }, confidence: { type: 'number', minimum: 0, maximum: 1 } },
    required: ['summary', 'confidence'],
  },
  requiredConfidence: 0.8,
  onLowConfidence: 'escalate',
};
