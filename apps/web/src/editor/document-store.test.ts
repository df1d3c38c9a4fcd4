// The document store without a DOM: every editing action, undo/redo, copy/paste, meshes, layout and problems.
import { type GraphDocument, type GraphNode, parseGraphShape } from '@baton/contracts';
import { describe, expect, it } from 'vitest';
import { createDocumentStore } from './document-store';
import { computeLayout } from './layout';
import { nodeSize } from './node-factory';
import { findProblems } from './schema-checks';
import { counterIds, emptyGraph, researchGraph } from './test-graphs';

function storeWith(document: GraphDocument = emptyGraph()) {
  return createDocumentStore(document, { createId: counterIds() });
}

function node(document: GraphDocument, id: string): GraphNode {
  const found = document.nodes.find((n) => n.id === id);
  if (!found) throw new Error(`no node ${id}`);
  return found;
}

describe('addNode', () => {
  it('adds nodes with default data and unique slug names, selecting the new one', () => {
    const store = storeWith();
    const first = store.getState().addNode('specialist', { x: 10.4, y: 20.6 });
    const second = store.getState().addNode('specialist', { x: 100, y: 20 });
    const mesh = store.getState().addNode('mesh', { x: 600, y: 0 });
    expect(first.data.name).toBe('specialist');
    expect(second.data.name).toBe('specialist_2');
    expect(first.position).toEqual({ x: 10, y: 21 });
    expect(mesh).toMatchObject({ kind: 'mesh', width: 460, height: 280, data: { maxRounds: 3 } });
    const { document, selection, changeCount } = store.getState();
    expect(document.nodes).toHaveLength(3);
    expect([...selection.nodes]).toEqual([mesh.id]);
    expect(changeCount).toBe(3);
    // Every new node is a valid node of the format.
    expect(parseGraphShape(document).ok).toBe(true);
  });

  it('puts a specialist dropped inside a mesh into it, with a position relative to the mesh', () => {
    const store = storeWith();
    const mesh = store.getState().addNode('mesh', { x: 1000, y: 500 });
    const peer = store.getState().addNode('specialist', { x: 1100, y: 600 });
    expect(peer.parentId).toBe(mesh.id);
    expect(peer.position).toEqual({ x: 100, y: 100 });
  });

  it('keeps a peer dropped across the edge of its mesh wholly inside the frame, below the header', () => {
    const store = storeWith();
    const mesh = store.getState().addNode('mesh', { x: 1000, y: 500 });
    // Its centre is inside the mesh (460 x 280), its right part and top stick out.
    const peer = store.getState().addNode('specialist', { x: 1000 + 460 - 150, y: 490 });
    expect(peer.parentId).toBe(mesh.id);
    const size = nodeSize(peer);
    expect(peer.position.x + size.width).toBeLessThanOrEqual(460);
    expect(peer.position.y).toBeGreaterThanOrEqual(56);
    expect(peer.position.y + size.height).toBeLessThanOrEqual(280);
  });
});

describe('connect', () => {
  it('infers the kind when only one fits', () => {
    const store = storeWith(researchGraph());
    store.getState().deleteElements([], ['e1']);
    const result = store.getState().connect({ source: 'in', target: 'lead' });
    expect(result).toMatchObject({ status: 'connected', edge: { kind: 'handoff', source: 'in', target: 'lead' } });
  });

  it('asks which kind when several fit, and takes the kind the handle implies', () => {
    const store = storeWith(researchGraph());
    store.getState().addNode('specialist', { x: 0, y: 400 });
    const id = store.getState().document.nodes.at(-1)!.id;
    expect(store.getState().connect({ source: 'lead', target: id })).toEqual({
      status: 'choose',
      kinds: ['handoff', 'dispatch'],
    });
    expect(store.getState().connect({ source: 'lead', target: id, sourceHandle: 'dispatch' })).toMatchObject({
      status: 'connected',
      edge: { kind: 'dispatch' },
    });
  });

  it('does not ask about a kind the dragged handle does not draw (the plain out handle never dispatches)', () => {
    const store = storeWith(researchGraph());
    store.getState().addNode('specialist', { x: 0, y: 400 });
    const id = store.getState().document.nodes.at(-1)!.id;
    expect(store.getState().connect({ source: 'lead', target: id, sourceHandle: 'out' })).toMatchObject({
      status: 'connected',
      edge: { kind: 'handoff' },
    });
  });

  it('refuses with a sentence when no kind fits, and changes nothing', () => {
    const store = storeWith(researchGraph());
    const before = store.getState().document;
    const outToIn = store.getState().connect({ source: 'out', target: 'in' });
    expect(outToIn).toEqual({
      status: 'refused',
      reason: 'An output only collects the result of the run; it cannot start an edge.',
    });
    store.getState().addNode('router', { x: 0, y: 0 });
    const router = store.getState().document.nodes.at(-1)!.id;
    const routerToOut = store.getState().connect({ source: router, target: 'out' });
    expect(routerToOut).toEqual({
      status: 'refused',
      reason: 'A router cannot connect to an output: it can connect only to an orchestrator, a specialist or a mesh.',
    });
    const wrongKind = store.getState().connect({ source: 'in', target: 'writer', kind: 'dispatch' });
    expect(wrongKind).toMatchObject({ status: 'refused' });
    expect((wrongKind as { reason: string }).reason).toMatch(
      /^A dispatch edge goes from an orchestrator to a specialist/,
    );
    expect(store.getState().document.edges).toBe(before.edges);
  });

  it('refuses loops, duplicates and edges into mesh peers', () => {
    const store = storeWith(researchGraph());
    expect(store.getState().connect({ source: 'out', target: 'out' })).toMatchObject({ status: 'refused' });
    expect(store.getState().connect({ source: 'lead', target: 'out' })).toEqual({
      status: 'refused',
      reason: 'The handoff edge from "lead" to "output" is drawn twice: remove one of them.',
    });
    store.getState().connect({ source: 'research', target: 'writer' });
    const loop = store.getState().connect({ source: 'writer', target: 'research' });
    expect(loop).toMatchObject({ status: 'refused' });
    expect((loop as { reason: string }).reason).toMatch(
      /form a loop: "writer" -> "research" -> "writer"|form a loop: "research" -> "writer" -> "research"/,
    );

    const mesh = store.getState().addNode('mesh', { x: 2000, y: 0 });
    const peer = store.getState().addNode('specialist', { x: 2050, y: 80 });
    expect(peer.parentId).toBe(mesh.id);
    const intoPeer = store.getState().connect({ source: 'in', target: peer.id });
    expect((intoPeer as { reason: string }).reason).toMatch(/is a peer of the mesh "mesh", and peers have no edges/);
  });
});

describe('edits and history', () => {
  it('coalesces typing in one field into one undo step, and undo/redo walk the steps', () => {
    const store = storeWith(researchGraph());
    const s = () => store.getState();
    for (const text of ['F', 'Fi', 'Fin', 'Find'])
      s().updateNodeData('research', { description: text }, 'research.description');
    s().closeStep();
    s().updateNodeData('research', { tier: 'fast' });
    expect(node(s().document, 'research').data).toMatchObject({ description: 'Find', tier: 'fast' });
    expect(s().history.past).toHaveLength(2);

    s().undo();
    expect(node(s().document, 'research').data).toMatchObject({ description: 'Find', tier: 'balanced' });
    s().undo();
    expect(node(s().document, 'research').data.description).toBe('Finds sources');
    s().undo(); // nothing left: a no-op
    s().redo();
    s().redo();
    expect(node(s().document, 'research').data).toMatchObject({ description: 'Find', tier: 'fast' });
    expect(s().changeCount).toBe(5 + 4);
  });

  it('removes a field when the patch sets it to undefined, and edits edges', () => {
    const store = storeWith(researchGraph());
    store.getState().updateNodeData('writer', { outputSchema: { type: 'object' } });
    store.getState().updateNodeData('writer', { outputSchema: undefined });
    expect('outputSchema' in node(store.getState().document, 'writer').data).toBe(false);
    const contract = {
      name: 'draft',
      schema: { type: 'object' },
      requiredConfidence: 0.7,
      onLowConfidence: 'escalate',
    };
    store.getState().updateEdge('e4', { contract });
    expect(store.getState().document.edges.find((e) => e.id === 'e4')).toMatchObject({ contract });
    store.getState().undo();
    expect(store.getState().document.edges.find((e) => e.id === 'e4')).not.toHaveProperty('contract');
  });

  it('a new edit after undo drops the redo steps', () => {
    const store = storeWith(researchGraph());
    store.getState().updateNodeData('lead', { concurrency: 2 });
    store.getState().undo();
    store.getState().updateNodeData('lead', { concurrency: 8 });
    store.getState().redo();
    expect(node(store.getState().document, 'lead').data).toMatchObject({ concurrency: 8 });
  });

  it('load resets history without counting as a change; replaceDocument is an undoable change', () => {
    const store = storeWith(researchGraph());
    store.getState().updateNodeData('lead', { concurrency: 2 });
    const count = store.getState().changeCount;
    store.getState().load(emptyGraph());
    expect(store.getState().changeCount).toBe(count);
    expect(store.getState().history.past).toHaveLength(0);
    store.getState().replaceDocument(researchGraph());
    expect(store.getState().changeCount).toBe(count + 1);
    store.getState().undo();
    expect(store.getState().document.nodes).toHaveLength(0);
  });

  it('toDocument carries the viewport without it being an edit', () => {
    const store = storeWith(researchGraph());
    store.getState().setViewport({ x: 5, y: 6, zoom: 1.5 });
    expect(store.getState().toDocument().viewport).toEqual({ x: 5, y: 6, zoom: 1.5 });
    expect(store.getState().changeCount).toBe(0);
  });
});

describe('delete, copy, paste, duplicate, select all', () => {
  it('deletes the selection with the edges that touch it, in one undo step', () => {
    const store = storeWith(researchGraph());
    store.getState().setSelection(['lead'], []);
    store.getState().deleteSelection();
    const { document, selection } = store.getState();
    expect(document.nodes.map((n) => n.id)).toEqual(['in', 'research', 'writer', 'out']);
    expect(document.edges).toEqual([]);
    expect(selection.nodes.size).toBe(0);
    store.getState().undo();
    expect(store.getState().document).toEqual(researchGraph());
  });

  it('deleting a mesh deletes its peers', () => {
    const store = storeWith();
    const mesh = store.getState().addNode('mesh', { x: 0, y: 0 });
    store.getState().addNode('specialist', { x: 40, y: 80 });
    store.getState().deleteElements([mesh.id], []);
    expect(store.getState().document.nodes).toEqual([]);
  });

  it('pastes copies with new ids and names, the edges among them, offset and selected', () => {
    const store = storeWith(researchGraph());
    store.getState().setSelection(['lead', 'research'], []);
    expect(store.getState().copySelection()).toBe(true);
    store.getState().paste();
    const { document, selection } = store.getState();
    const pasted = document.nodes.slice(5);
    expect(pasted.map((n) => n.data.name)).toEqual(['lead_2', 'research_2']);
    expect(pasted[0]!.position).toEqual({ x: 348, y: 48 });
    const newEdges = document.edges.slice(4);
    expect(newEdges).toEqual([
      { id: expect.any(String), kind: 'dispatch', source: pasted[0]!.id, target: pasted[1]!.id },
    ]);
    expect([...selection.nodes]).toEqual(pasted.map((n) => n.id));
    store.getState().paste();
    expect(
      store
        .getState()
        .document.nodes.slice(7)
        .map((n) => [n.data.name, n.position.x]),
    ).toEqual([
      ['lead_3', 396],
      ['research_3', 396],
    ]);
  });

  it('duplicates a mesh with its peers, keeping them inside the copy', () => {
    const store = storeWith();
    const mesh = store.getState().addNode('mesh', { x: 0, y: 0 });
    store.getState().addNode('specialist', { x: 40, y: 80 });
    store.getState().setSelection([mesh.id], []);
    store.getState().duplicateSelection();
    const [, , meshCopy, peerCopy] = store.getState().document.nodes;
    expect(meshCopy).toMatchObject({ kind: 'mesh', data: { name: 'mesh_2' }, position: { x: 48, y: 48 } });
    expect(peerCopy).toMatchObject({ parentId: meshCopy!.id, position: { x: 40, y: 80 } });
  });

  it('selects everything', () => {
    const store = storeWith(researchGraph());
    store.getState().selectAll();
    expect(store.getState().selection.nodes.size).toBe(5);
    expect(store.getState().selection.edges.size).toBe(4);
  });
});

describe('moving and meshes', () => {
  it('one drag is one undo step', () => {
    const store = storeWith(researchGraph());
    for (let x = 1; x <= 5; x++) store.getState().moveNodes([{ id: 'in', position: { x: x * 10, y: 0 } }], true);
    store.getState().moveNodes([{ id: 'in', position: { x: 60, y: 0 } }], false);
    expect(node(store.getState().document, 'in').position).toEqual({ x: 60, y: 0 });
    store.getState().undo();
    expect(node(store.getState().document, 'in').position).toEqual({ x: 0, y: 0 });
  });

  it('a long circular drag that ends where it began leaves the node there: moves are absolute, never deltas', () => {
    const store = storeWith(researchGraph());
    const start = node(store.getState().document, 'writer').position;
    // What React Flow sends for a 3-second circle: hundreds of absolute positions, then the end of the drag.
    for (let step = 1; step <= 600; step++) {
      const angle = step / 8;
      const position = { x: start.x + Math.round(80 * Math.cos(angle)), y: start.y + Math.round(60 * Math.sin(angle)) };
      store.getState().moveNodes([{ id: 'writer', position }], true);
    }
    store.getState().moveNodes([{ id: 'writer', position: start }], true);
    store.getState().moveNodes([{ id: 'writer', position: start }], false);
    expect(node(store.getState().document, 'writer').position).toEqual(start);
    expect(node(store.getState().document, 'writer').parentId).toBeUndefined();
    // One step, and undoing it is a no-op on the position.
    store.getState().undo();
    expect(node(store.getState().document, 'writer').position).toEqual(start);
    expect(store.getState().history.past).toHaveLength(0);
  });

  it('a node dragged by (dx, dy) ends at +(dx, dy), also a peer whose position is relative to its mesh', () => {
    const store = storeWith(researchGraph());
    const mesh = store.getState().addNode('mesh', { x: 1000, y: 1000 });
    store.getState().moveNodes([{ id: 'writer', position: { x: 1100, y: 1100 } }], false);
    const start = node(store.getState().document, 'writer').position;
    expect(start).toEqual({ x: 100, y: 100 });
    for (let i = 1; i <= 10; i++) {
      store.getState().moveNodes([{ id: 'writer', position: { x: start.x + i * 4, y: start.y + i * 2 } }], true);
    }
    store.getState().moveNodes([{ id: 'writer', position: { x: start.x + 40, y: start.y + 20 } }], false);
    expect(node(store.getState().document, 'writer')).toMatchObject({
      parentId: mesh.id,
      position: { x: start.x + 40, y: start.y + 20 },
    });
  });

  it('dropping a specialist into a mesh makes it a peer; dragging it out frees it, and undo restores both', () => {
    const store = storeWith(researchGraph());
    const mesh = store.getState().addNode('mesh', { x: 1000, y: 1000 });
    store.getState().moveNodes([{ id: 'writer', position: { x: 1100, y: 1100 } }], true);
    store.getState().moveNodes([{ id: 'writer', position: { x: 1120, y: 1100 } }], false);
    let writer = node(store.getState().document, 'writer');
    expect(writer.parentId).toBe(mesh.id);
    expect(writer.position).toEqual({ x: 120, y: 100 });
    // Parents come before children, as React Flow needs.
    const ids = store.getState().document.nodes.map((n) => n.id);
    expect(ids.indexOf(mesh.id)).toBeLessThan(ids.indexOf('writer'));

    store.getState().moveNodes([{ id: 'writer', position: { x: -600, y: 0 } }], false);
    writer = node(store.getState().document, 'writer');
    expect(writer.parentId).toBeUndefined();
    expect(writer.position).toEqual({ x: 400, y: 1000 });
    store.getState().undo();
    expect(node(store.getState().document, 'writer')).toMatchObject({ parentId: mesh.id });
  });

  it('resizing a mesh stores its size as one step', () => {
    const store = storeWith();
    const mesh = store.getState().addNode('mesh', { x: 0, y: 0 });
    store.getState().resizeNode(mesh.id, { width: 500, height: 300 }, undefined, true);
    store.getState().resizeNode(mesh.id, { width: 520.4, height: 310 }, { x: -20, y: 0 }, false);
    expect(node(store.getState().document, mesh.id)).toMatchObject({
      width: 520,
      height: 310,
      position: { x: -20, y: 0 },
    });
    store.getState().undo();
    expect(node(store.getState().document, mesh.id)).toMatchObject({ width: 460, height: 280 });
  });
});

describe('auto-layout', () => {
  it('lays the graph out left to right, peers inside their mesh, as one undo step', async () => {
    const store = storeWith(researchGraph());
    const mesh = store.getState().addNode('mesh', { x: 5000, y: 5000 });
    store.getState().addNode('specialist', { x: 5010, y: 5060 });
    store.getState().addNode('specialist', { x: 5200, y: 5060 });
    store.getState().connect({ source: 'lead', target: mesh.id });
    store.getState().connect({ source: 'writer', target: 'research' });
    const before = store.getState().document;
    const { positions, sizes } = await computeLayout(before, store.getState().measured);
    store.getState().applyPositions(positions, sizes);
    const after = store.getState().document;
    const x = (id: string) => node(after, id).position.x;
    expect(x('in')).toBeLessThan(x('lead'));
    expect(x('lead')).toBeLessThan(x('out'));
    expect(x('lead')).toBeLessThan(x(mesh.id));
    // The orchestrator's workers stand in a row below it, in handoff order.
    const y = (id: string) => node(after, id).position.y;
    expect(y('research')).toBeGreaterThan(y('lead'));
    expect(y('research')).toBe(y('writer'));
    expect(x('writer')).toBeLessThan(x('research'));
    const peers = after.nodes.filter((n) => n.parentId === mesh.id);
    expect(peers.map((p) => p.position.y)).toEqual([56, 56]);
    expect(node(after, mesh.id).width).toBe(24 * 2 + 220 * 2 + 24);
    store.getState().undo();
    expect(store.getState().document).toBe(before);
  });
});

describe('problems', () => {
  it('maps problems to the nodes and edges they concern', () => {
    const store = storeWith(researchGraph());
    store.getState().updateNodeData('writer', { name: 'Writer!' });
    const problems = findProblems(store.getState().document);
    expect(problems.all.length).toBeGreaterThan(0);
    expect(problems.byNode.get('writer')?.[0]?.message).toMatch(/must start with a lower-case letter/);

    store.getState().setProblems([
      { code: 'edge_kind_mismatch', path: ['edges', 1, 'kind'], message: 'Wrong kind.' },
      { code: 'input_count', path: ['nodes'], message: 'One input.' },
    ]);
    const { byEdge, byNode, all } = store.getState().problems;
    expect(byEdge.get('e2')?.map((i) => i.message)).toEqual(['Wrong kind.']);
    expect(byNode.size).toBe(0);
    expect(all).toHaveLength(2);
  });

  it('a valid graph has no problems', () => {
    expect(findProblems(researchGraph()).all).toEqual([]);
  });
});
