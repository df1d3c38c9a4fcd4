import { describe, expect, it } from 'vitest';
import type { GraphEdge } from '../edges';
import { type GraphDocument, GraphDocument as GraphDocumentSchema } from '../graph';
import { checkNewEdge } from './new-edge';
import { agent, edge, graph, input, minimal, output, specialist } from './test-graph';

const parsed = (input: unknown): GraphDocument => GraphDocumentSchema.parse(input);
const candidate = (kind: GraphEdge['kind'], source: string, target: string): GraphEdge =>
  ({ id: 'new', kind, source, target }) as GraphEdge;

describe('checkNewEdge', () => {
  it('accepts an edge that breaks no rule', () => {
    const doc = parsed(graph([input(), specialist('a'), specialist('b'), output()], [edge('handoff', 'in', 'a')]));
    expect(checkNewEdge(doc, candidate('handoff', 'a', 'b'))).toBeUndefined();
  });

  it('refuses a duplicate and a loop the graph did not have', () => {
    const doc = parsed(minimal());
    expect(checkNewEdge(doc, candidate('handoff', 'writer', 'out'))?.code).toBe('duplicate_edge');
    const chain = parsed(
      graph(
        [input(), specialist('a'), specialist('b'), output()],
        [edge('handoff', 'a', 'b'), edge('handoff', 'b', 'out')],
      ),
    );
    const loop = checkNewEdge(chain, candidate('handoff', 'b', 'a'));
    expect(loop?.code).toBe('cycle');
    expect(loop?.message).toMatch(/form a loop/);
  });

  it('refuses a second reviewer and a handoff past the reviewer, not a reviewer added to a producer', () => {
    const doc = parsed(
      graph(
        [input(), specialist('draft'), agent('reviewer', 'check'), agent('reviewer', 'again'), output()],
        [edge('handoff', 'draft', 'out')],
      ),
    );
    // The producer's existing handoff becomes a problem of that edge; the review edge itself is fine.
    expect(checkNewEdge(doc, candidate('review', 'draft', 'check'))).toBeUndefined();
    const reviewed = { ...doc, edges: [...doc.edges, candidate('review', 'draft', 'check')] };
    expect(checkNewEdge(reviewed, { ...candidate('review', 'draft', 'again'), id: 'second' })?.message).toMatch(
      /has 2 reviewers/,
    );
    expect(checkNewEdge(reviewed, { ...candidate('handoff', 'draft', 'again'), id: 'past' })?.message).toMatch(
      /only through its reviewer/,
    );
  });

  it('refuses an edge to a peer of a mesh', () => {
    const doc = parsed(graph([input(), agent('mesh', 'm'), specialist('peer', { parentId: 'm' }), output()], []));
    expect(checkNewEdge(doc, candidate('handoff', 'in', 'peer'))?.code).toBe('mesh_peer_edge');
  });
});
