import { describe, expect, it } from 'vitest';
import { printable } from './terminal-text';

describe('printable', () => {
  it('shows escape sequences and other controls as code points, and keeps text, tabs and newlines', () => {
    expect(printable('\x1b[2Jcleared\x07\u009b31m')).toBe('\\u001b[2Jcleared\\u0007\\u009b31m');
    expect(printable('line one\n\tline two — ✓')).toBe('line one\n\tline two — ✓');
  });
});
