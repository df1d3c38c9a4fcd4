// Node data limits: a reviewer may run the long revision loops issue 7 measures (100), not more.
import { describe, expect, it } from 'vitest';
import { MAX_REVISIONS, ReviewerNodeData } from './nodes';

const reviewer = (maxRevisions: number) => ({ name: 'critic', description: '', criteria: 'Be strict.', maxRevisions });

describe('ReviewerNodeData.maxRevisions', () => {
  it('accepts up to 100 revisions', () => {
    expect(MAX_REVISIONS).toBe(100);
    expect(ReviewerNodeData.safeParse(reviewer(100)).success).toBe(true);
    expect(ReviewerNodeData.safeParse(reviewer(0)).success).toBe(true);
  });

  it('rejects more than 100, negatives and fractions', () => {
    for (const bad of [101, -1, 2.5]) expect(ReviewerNodeData.safeParse(reviewer(bad)).success).toBe(false);
  });
});
