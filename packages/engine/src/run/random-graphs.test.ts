// Any valid graph runs end to end with the simulated provider: seeded random graphs of every node kind.
import { type GraphDocument, parseGraph } from '@baton/contracts';
import { describe, expect, it } from 'vitest';
import { createSimulatedProvider } from '../model/simulated-provider';
import { actionTreeProblems, collectRun } from '../testing/collect-run';
import { edge, node } from '../testing/graphs';

type NodeIn = ReturnType<typeof node>;
type EdgeIn = ReturnType<typeof edge>;

const CONTRACT = {
  name: 'findings',
  schema: {
    type: 'object',
    properties: {
      findings: { type: 'array', items: { type: 'string' }, minItems: 2, uniqueItems: true },
      score: { type: 'integer', minimum: 3, maximum: 5 },
      confidence: { type: 'number', minimum: 0, maximum: 1 },
    },
    required: ['findings', 'score', 'confidence'],
    additionalProperties: false,
  },
  requiredConfidence: 0.6,
  onLowConfidence: 'escalate',
};

/** A tiny seeded generator, so a failing seed can be replayed. */
function rng(seed: number) {
  let state = seed;
  return (n: number) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % n;
  };
}

function randomGraph(seed: number): unknown {
  const pick = rng(seed);
  const nodes: NodeIn[] = [node('input', 'input')];
  const edges: EdgeIn[] = [];
  /** Nodes whose output can feed a later unit (handoff sources). */
  const exits: string[] = ['input'];
  const used = new Set<string>();
  let count = 0;
  const id = (kind: string) => `${kind}_${++count}`;
  const units = 2 + pick(5);
  for (let u = 0; u < units; u++) {
    const from = exits[pick(exits.length)]!;
    const kind = ['specialist', 'orchestrator', 'router', 'reviewer', 'mesh'][pick(5)]!;
    if (kind === 'specialist' || kind === 'orchestrator') {
      const me = id(kind);
      nodes.push(node(me, kind as 'specialist', { description: `does ${me}` }));
      // Agents (not the input, not a reviewer's draft) sometimes hand over under a contract.
      const contracted = /^(specialist|orchestrator|route|mesh)_/.test(from) && pick(2) === 0;
      edges.push(edge(from, me, 'handoff', contracted ? { contract: CONTRACT } : {}));
      if (kind === 'orchestrator') {
        const workers = 1 + pick(3);
        for (let w = 0; w < workers; w++) {
          const worker = id('worker');
          nodes.push(node(worker, 'specialist', { description: `helps with ${worker}` }));
          edges.push(edge(me, worker, 'dispatch'));
        }
      }
      exits.push(me);
    } else if (kind === 'router') {
      const me = id('router');
      nodes.push(node(me, 'router'));
      edges.push(edge(from, me));
      const routes = 2 + pick(2);
      for (let r = 0; r < routes; r++) {
        const target = id('route');
        nodes.push(node(target, 'specialist', { description: `category ${target}` }));
        edges.push(edge(me, target, 'route', r === 0 ? { fallback: true } : {}));
        exits.push(target);
      }
    } else if (kind === 'reviewer') {
      const producer = id('producer');
      const me = id('reviewer');
      nodes.push(node(producer, 'specialist'), node(me, 'reviewer', { maxRevisions: pick(3) }));
      edges.push(edge(from, producer), edge(producer, me, 'review'));
      used.add(producer);
      exits.push(me);
    } else {
      const me = id('mesh');
      nodes.push(node(me, 'mesh', { maxRounds: 1 + pick(3) }));
      const peers = 2 + pick(2);
      for (let p = 0; p < peers; p++) nodes.push(node(id('peer'), 'specialist', {}, { parentId: me }));
      edges.push(edge(from, me));
      exits.push(me);
    }
    used.add(from);
  }
  const outputs = 1 + pick(2);
  for (let o = 0; o < outputs; o++) nodes.push(node(`output_${o + 1}`, 'output'));
  for (const exit of exits) {
    if (!used.has(exit) && exit !== 'input') edges.push(edge(exit, `output_${1 + pick(outputs)}`));
  }
  return { format: 'baton.graph', version: 2, id: `random-${seed}`, name: `Random ${seed}`, nodes, edges };
}

describe('random valid graphs', () => {
  it('each runs to run.completed with the simulated provider', async () => {
    const provider = createSimulatedProvider({ callDelayMs: 0, tokenDelayMs: 0 });
    let ran = 0;
    let contracts = 0;
    for (let seed = 1; seed <= 30; seed++) {
      const parsed = parseGraph(randomGraph(seed));
      expect(parsed.ok, `seed ${seed}: ${JSON.stringify(!parsed.ok && parsed.issues)}`).toBe(true);
      const graph = (parsed as { graph: GraphDocument }).graph;
      const { outcome, events } = await collectRun({ graph, goal: `Goal number ${seed} about category`, provider });
      expect(actionTreeProblems(events)).toEqual([]);
      expect(outcome.status, `seed ${seed}: ${JSON.stringify(events.at(-1))}`).toBe('completed');
      contracts += events.filter((e) => e.type === 'handoff.validated' && e.contractName === 'findings').length;
      ran += 1;
    }
    expect(ran).toBe(30);
    expect(contracts).toBeGreaterThan(0);
  });
});
