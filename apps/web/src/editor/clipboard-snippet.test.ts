import { describe, expect, it } from 'vitest';
import { readSnippet, snippetText } from './clipboard-snippet';
import { createDocumentStore } from './document-store';
import { extractFragment } from './fragment';
import { researchGraph } from './test-graphs';

describe('the clipboard snippet', () => {
  it('carries copied nodes into another graph: new ids, unique names, inner edges kept, outer edges dropped', () => {
    const source = researchGraph();
    const fragment = extractFragment(source, new Set(['lead', 'research']))!;
    // An edge to a node that was not copied, as a hand-edited snippet might hold.
    const text = snippetText({
      ...fragment,
      edges: [...fragment.edges, { id: 'x', kind: 'handoff', source: 'lead', target: 'out' }],
    });
    const read = readSnippet(text);
    if (!read.ok) throw new Error(read.message);
    expect(read.droppedEdges).toBe(1);

    const target = createDocumentStore(researchGraph());
    const before = target.getState().document;
    target.getState().pasteNodes(read.fragment);
    const after = target.getState().document;
    const added = after.nodes.slice(before.nodes.length);
    expect(added).toHaveLength(2);
    for (const node of added)
      expect(before.nodes.some((old) => old.id === node.id || old.data.name === node.data.name)).toBe(false);
    const addedIds = new Set(added.map((node) => node.id));
    const newEdges = after.edges.slice(before.edges.length);
    expect(newEdges).toHaveLength(fragment.edges.length);
    for (const edge of newEdges) expect(addedIds.has(edge.source) && addedIds.has(edge.target)).toBe(true);
  });

  it('pastes nothing from a snippet that fails validation, and says where', () => {
    const fragment = extractFragment(researchGraph(), new Set(['research']))!;
    const broken = JSON.parse(snippetText(fragment));
    broken.nodes[0].data.tier = 'huge';
    const read = readSnippet(JSON.stringify(broken));
    expect(read).toMatchObject({ ok: false, path: '$.nodes[0].data.tier' });
    expect(read.ok ? '' : read.message).toMatch(/^Nothing was pasted: /);
  });

  it('says what is wrong with text that is not a snippet', () => {
    expect(readSnippet('hello')).toMatchObject({ ok: false, path: '$' });
    expect(readSnippet('{"format":"baton.graph"}')).toMatchObject({ ok: false, path: '$.format' });
  });
});
