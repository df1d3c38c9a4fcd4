// Tests of the route parser: the three routes, and anything else as not-found rather than an exception.
import { describe, expect, it } from 'vitest';
import { graphPath, parseRoute, runPath } from './router';

describe('parseRoute', () => {
  it('reads the three routes', () => {
    expect(parseRoute('/')).toEqual({ name: 'graphs' });
    expect(parseRoute('/graphs/g1')).toEqual({ name: 'editor', graphId: 'g1' });
    expect(parseRoute('/graphs/g1/')).toEqual({ name: 'editor', graphId: 'g1' });
    expect(parseRoute('/graphs/g1/runs/r9')).toEqual({ name: 'editor', graphId: 'g1', runId: 'r9' });
  });

  it('round-trips ids that need encoding', () => {
    const id = 'a b/c%d';
    expect(parseRoute(graphPath(id))).toEqual({ name: 'editor', graphId: id });
    expect(parseRoute(runPath(id, 'r 1'))).toEqual({ name: 'editor', graphId: id, runId: 'r 1' });
  });

  it('calls everything else not-found', () => {
    for (const path of [
      '/graphs',
      '/graphs//runs/x',
      '/graphs/g1/runs',
      '/graphs/g1/other/x',
      '/x',
      '/graphs/%E0%A4%A',
    ]) {
      expect(parseRoute(path).name).toBe('not-found');
    }
  });
});
