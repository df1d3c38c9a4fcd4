import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { exportGraphJson } from './export';
import { parseGraph } from './parse-graph';

const EXAMPLES = fileURLToPath(new URL('../../../../examples/', import.meta.url));
const read = (name: string) => readFileSync(EXAMPLES + name, 'utf8');

describe('examples/', () => {
  it('holds the four pattern examples and the tools example', () => {
    expect(
      readdirSync(EXAMPLES)
        .filter((f) => f.endsWith('.json'))
        .sort(),
    ).toEqual([
      'calculator-tools.json',
      'peer-mesh.json',
      'peer-review.json',
      'research-and-write.json',
      'specialist-routing.json',
    ]);
  });

  for (const name of [
    'research-and-write.json',
    'specialist-routing.json',
    'peer-review.json',
    'peer-mesh.json',
    'calculator-tools.json',
  ]) {
    it(`${name} is a valid graph, stored exactly as Baton exports it, and round-trips byte for byte`, () => {
      const text = read(name);
      const first = parseGraph(text);
      if (!first.ok) throw new Error(JSON.stringify(first.issues, null, 2));
      const exported = exportGraphJson(first.graph);
      expect(exported).toBe(text);
      const again = parseGraph(exported);
      if (!again.ok) throw new Error('re-parse failed');
      expect(exportGraphJson(again.graph)).toBe(exported);
    });
  }

  it('research-and-write carries the findings contract of the patterns document', () => {
    const result = parseGraph(read('research-and-write.json'));
    if (!result.ok) throw new Error('invalid');
    const names = result.graph.nodes.map((node) => `${node.kind}:${node.data.name}`);
    expect(names).toEqual([
      'input:input',
      'orchestrator:lead',
      'specialist:research',
      'specialist:writer',
      'output:output',
    ]);
    const handoff = result.graph.edges.find((edge) => edge.source === 'research' && edge.target === 'writer');
    expect(handoff?.kind).toBe('handoff');
    const contract = handoff?.kind === 'handoff' ? handoff.contract : undefined;
    expect(contract).toMatchObject({ requiredConfidence: 0.7, onLowConfidence: 'escalate' });
    expect(contract?.schema.required).toEqual(['sources', 'key_findings', 'confidence']);
    expect(contract?.schema.properties).toMatchObject({
      sources: { type: 'array', items: { type: 'object' } },
      key_findings: { type: 'array', items: { type: 'string' } },
      confidence: { type: 'number', minimum: 0, maximum: 1 },
    });
    const dispatched = result.graph.edges.filter((edge) => edge.kind === 'dispatch').map((edge) => edge.target);
    expect(dispatched).toEqual(['research', 'writer']);
  });

  it('specialist-routing routes to the four specialists with general on the fallback', () => {
    const result = parseGraph(read('specialist-routing.json'));
    if (!result.ok) throw new Error('invalid');
    const routes = result.graph.edges.flatMap((edge) =>
      edge.kind === 'route' ? [[edge.target, edge.fallback ?? false]] : [],
    );
    expect(routes).toEqual([
      ['code_review', false],
      ['data_analysis', false],
      ['content_writing', false],
      ['security_audit', false],
      ['general', true],
    ]);
  });

  it('peer-review allows two revisions and peer-mesh three peers for three rounds', () => {
    const review = parseGraph(read('peer-review.json'));
    const mesh = parseGraph(read('peer-mesh.json'));
    if (!review.ok || !mesh.ok) throw new Error('invalid');
    expect(review.graph.nodes.find((node) => node.kind === 'reviewer')?.data).toMatchObject({ maxRevisions: 2 });
    const panel = mesh.graph.nodes.find((node) => node.kind === 'mesh');
    expect(panel?.data).toMatchObject({ maxRounds: 3 });
    expect(mesh.graph.nodes.filter((node) => node.parentId === panel?.id)).toHaveLength(3);
  });
});
