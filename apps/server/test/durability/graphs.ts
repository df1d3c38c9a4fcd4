// The graphs the crash harness runs: the four examples (one per pattern) and one whose handoff always asks a person.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GraphDocumentInput } from '@baton/contracts';
import { type ChatRequestBody, requestPurpose } from '@baton/engine/testing';

const examplesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../examples');

export function example(file: string): GraphDocumentInput {
  return JSON.parse(fs.readFileSync(path.join(examplesDir, `${file}.json`), 'utf8')) as GraphDocumentInput;
}

/** The fake answers structured payloads with confidence 0.9: under this contract's 0.95 every run escalates. */
export function escalatingGraph(): GraphDocumentInput {
  return {
    format: 'baton.graph',
    version: 2,
    id: 'durability-escalation',
    name: 'Escalation',
    description: 'analyst -> (a person checks) -> writer',
    nodes: [
      { id: 'in', kind: 'input', position: { x: 0, y: 0 }, data: { name: 'input' } },
      {
        id: 'analyst',
        kind: 'specialist',
        position: { x: 200, y: 0 },
        data: { name: 'analyst', description: 'Finds the facts.', instructions: 'You are the analyst. Find facts.' },
      },
      {
        id: 'writer',
        kind: 'specialist',
        position: { x: 400, y: 0 },
        data: { name: 'writer', description: 'Writes it up.', instructions: 'You are the writer. Write it up.' },
      },
      { id: 'out', kind: 'output', position: { x: 600, y: 0 }, data: { name: 'output' } },
    ],
    edges: [
      { id: 'e1', kind: 'handoff', source: 'in', target: 'analyst' },
      {
        id: 'e2',
        kind: 'handoff',
        source: 'analyst',
        target: 'writer',
        contract: {
          name: 'facts',
          schema: {
            type: 'object',
            properties: { summary: { type: 'string' }, confidence: { type: 'number' } },
            required: ['summary', 'confidence'],
          },
          requiredConfidence: 0.95,
          onLowConfidence: 'escalate',
        },
      },
      { id: 'e3', kind: 'handoff', source: 'writer', target: 'out' },
    ],
  };
}

/** What a chat request asks, as the harness names kill points: its purpose and the agent (by its system message). */
export function describeRequest(
  graph: GraphDocumentInput,
  body: ChatRequestBody,
): { purpose: string; agent: string | null; round: number | null } {
  const purpose = requestPurpose(body);
  const system = body.messages.find((m) => m.role === 'system')?.content ?? '';
  // The engine's system message is the agent's instructions, or starts "You are <name>." (no instructions, or a
  // synthesis); a decomposition's names no agent and gets null.
  const node = graph.nodes.find((n) => {
    const data = n.data as { name?: string; instructions?: string };
    const instructions = data.instructions?.trim();
    return (instructions && system.startsWith(instructions)) || system.startsWith(`You are ${data.name}.`);
  });
  const agent = node ? ((node.data as { name?: string }).name ?? node.id) : null;
  const round = 'round' in purpose ? purpose.round : null;
  return { purpose: purpose.kind, agent, round };
}
