// Derived React Flow objects keep their identity when their node or edge did not change: what keeps 1,000 nodes cheap.
import { describe, expect, it } from 'vitest';
import { createDocumentStore } from './document-store';
import { createFlowSelectors } from './flow-derive';
import { counterIds, researchGraph } from './test-graphs';
import { shortcutFor } from './use-editor-keyboard';

describe('createFlowSelectors', () => {
  it('reuses every unchanged node and edge object, and the whole array when nothing changed', () => {
    const store = createDocumentStore(researchGraph(), { createId: counterIds() });
    const { selectNodes, selectEdges } = createFlowSelectors();
    const first = selectNodes(store.getState());
    expect(selectNodes(store.getState())).toBe(first);
    store.getState().moveNodes([{ id: 'writer', position: { x: 1, y: 2 } }], true);
    const second = selectNodes(store.getState());
    expect(second).not.toBe(first);
    expect(second.filter((node, i) => node !== first[i]).map((node) => node.id)).toEqual(['writer']);
    store.getState().setSelection([], ['e2']);
    const edges = selectEdges(store.getState());
    expect(edges.find((edge) => edge.id === 'e2')).toMatchObject({
      selected: true,
      sourceHandle: 'dispatch',
      targetHandle: 'worker',
    });
    expect(selectNodes(store.getState())).toBe(second);
  });
});

describe('unmeasured nodes', () => {
  it('carry the size and handles they are about to have until the browser measured them, then only the measure', () => {
    const store = createDocumentStore(researchGraph(), { createId: counterIds() });
    const { selectNodes } = createFlowSelectors();
    const lead = () => selectNodes(store.getState()).find((node) => node.id === 'lead')!;
    // Without these React Flow renders every node once, in view or not, to measure its handles.
    expect(lead()).toMatchObject({ initialWidth: 220, initialHeight: 76 });
    expect(
      lead().handles?.map((handle) => `${handle.id} ${handle.type} ${handle.position} ${handle.x},${handle.y}`),
    ).toEqual(['in target left -2,33', 'out source right 214,33', 'dispatch source bottom 106,70']);
    store.getState().setMeasured(new Map([['lead', { width: 220, height: 90 }]]));
    expect(lead().measured).toEqual({ width: 220, height: 90 });
    // React Flow's own measurement of the handles is kept from then on.
    expect(lead().handles).toBeUndefined();
    expect(lead().initialHeight).toBeUndefined();
  });
});

describe('shortcutFor', () => {
  const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean }> = {}) =>
    shortcutFor({ key: k, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });
  it('maps the editing keys', () => {
    expect(key('z', { ctrlKey: true })).toBe('undo');
    expect(key('Z', { metaKey: true, shiftKey: true })).toBe('redo');
    expect(key('y', { ctrlKey: true })).toBe('redo');
    expect(key('Delete')).toBe('delete');
    expect(key('Backspace')).toBe('delete');
    expect(key('c', { ctrlKey: true })).toBe('copy');
    expect(key('v', { metaKey: true })).toBe('paste');
    expect(key('a', { ctrlKey: true })).toBe('selectAll');
    expect(key('d', { ctrlKey: true })).toBe('duplicate');
    expect(key('z')).toBeNull();
  });
});
