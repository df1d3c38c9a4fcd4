// The default cap on calls in flight follows the graph: orchestrators' concurrency plus one per model-calling node.
import { describe, expect, it } from 'vitest';
import { loadExample } from '../testing/example-graphs';
import { edge, graph, node } from '../testing/graphs';
import { graphParallelism } from './parallelism';

describe('graphParallelism', () => {
  it('counts each orchestrator\u2019s concurrency and one per other model-calling node', () => {
    const g = graph(
      [
        node('in', 'input'),
        node('a', 'orchestrator', { concurrency: 1000 }),
        node('b', 'orchestrator', { concurrency: 7 }),
        node('w', 'specialist'),
        node('r', 'reviewer'),
        node('out', 'output'),
      ],
      [edge('in', 'a'), edge('in', 'b'), edge('a', 'w', 'dispatch'), edge('b', 'w', 'dispatch'), edge('a', 'out')],
    );
    expect(graphParallelism(g)).toBe(1000 + 7 + 2);
  });

  it('is at least one, even for a graph that calls no model', () => {
    expect(graphParallelism(graph([node('in', 'input'), node('out', 'output')], [edge('in', 'out')]))).toBe(1);
  });

  it('gives the examples room for every node they run at once', () => {
    const research = loadExample('research-and-write');
    const orchestrators = research.nodes.filter((n) => n.kind === 'orchestrator');
    expect(orchestrators.length).toBeGreaterThan(0);
    for (const o of orchestrators) {
      if (o.kind === 'orchestrator') expect(graphParallelism(research)).toBeGreaterThan(o.data.concurrency);
    }
  });
});
