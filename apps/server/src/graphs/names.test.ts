import { describe, expect, it } from 'vitest';
import { distinctName } from './names';

describe('distinctName', () => {
  it('keeps a free name as it is', () => {
    expect(distinctName('My team', ['Other'])).toBe('My team');
  });

  it('numbers a taken name from 2, skipping numbers in use', () => {
    expect(distinctName('My team', ['My team'])).toBe('My team (2)');
    expect(distinctName('My team', ['My team', 'My team (2)', 'My team (3)'])).toBe('My team (4)');
  });

  it('counts on from a numbered name instead of stacking numbers', () => {
    expect(distinctName('My team (2)', ['My team', 'My team (2)'])).toBe('My team (3)');
  });

  it('stays within the 200 characters a name may have', () => {
    const long = 'x'.repeat(200);
    const named = distinctName(long, [long]);
    expect(named).toHaveLength(200);
    expect(named.endsWith(' (2)')).toBe(true);
  });
});
