// A field's text that could not be applied is a problem of the graph until it is fixed or its edge is gone.
import { describe, expect, it } from 'vitest';
import { createDocumentStore } from './document-store';
import { findProblems } from './schema-checks';
import { counterIds, researchGraph } from './test-graphs';
import { type UnappliedText, unappliedKey } from './unapplied-text';

const target = { kind: 'edge' as const, id: 'e4' };
const key = unappliedKey(target, ['contract', 'schema']);
const text: UnappliedText = {
  target,
  field: ['contract', 'schema'],
  text: '{ "type": ',
  message: 'The schema of the contract "final" cannot be applied.',
};

function store() {
  const s = createDocumentStore(researchGraph(), { createId: counterIds() });
  s.getState().setProblems(findProblems(s.getState().document).all);
  return s;
}

describe('unapplied text', () => {
  it('is a problem on its edge, with the path the edge has now, beside the rules’ problems', () => {
    const s = store();
    expect(s.getState().problems.all).toEqual([]);
    s.getState().setUnapplied(key, text);
    const issue = {
      code: 'invalid_json',
      path: ['edges', 3, 'contract', 'schema'],
      message: text.message,
      edgeId: 'e4',
    };
    expect(s.getState().problems.all).toEqual([issue]);
    expect(s.getState().problems.byEdge.get('e4')).toEqual([issue]);
    // Deleting an earlier edge moves this one up: the path follows.
    s.getState().deleteElements([], ['e1']);
    s.getState().setProblems(findProblems(s.getState().document).all);
    expect(s.getState().problems.all.find((i) => i.code === 'invalid_json')?.path).toEqual([
      'edges',
      2,
      'contract',
      'schema',
    ]);
  });

  it('goes when it is fixed, and with its edge', () => {
    const s = store();
    s.getState().setUnapplied(key, text);
    s.getState().setUnapplied(key, null);
    expect(s.getState().problems.all).toEqual([]);

    s.getState().setUnapplied(key, text);
    s.getState().deleteElements([], ['e4']);
    s.getState().setProblems(findProblems(s.getState().document).all);
    expect(s.getState().unapplied.size).toBe(0);
    expect(s.getState().problems.all.some((i) => i.code === 'invalid_json')).toBe(false);
  });
});
