// Tests of the formatting helpers.
import { RunStatus } from '@baton/contracts';
import { describe, expect, it } from 'vitest';
import { formatRelativeTime, runStatusBadge } from './format';

describe('formatRelativeTime', () => {
  const now = Date.UTC(2026, 0, 15, 12, 0, 0);
  it('says how long ago, coarsely', () => {
    expect(formatRelativeTime(now - 10_000, now)).toBe('just now');
    expect(formatRelativeTime(now - 5 * 60_000, now)).toBe('5 minutes ago');
    expect(formatRelativeTime(now - 3 * 3600_000, now)).toBe('3 hours ago');
    expect(formatRelativeTime(now - 26 * 3600_000, now)).toBe('yesterday');
  });
  it('gives a date past a week', () => {
    expect(formatRelativeTime(now - 30 * 86400_000, now)).toMatch(/Dec 16, 2025/);
  });
});

describe('runStatusBadge', () => {
  it('has a label for every status', () => {
    for (const status of RunStatus.options) expect(runStatusBadge(status).label).not.toBe('');
    expect(runStatusBadge('failed').tone).toBe('danger');
  });
});
