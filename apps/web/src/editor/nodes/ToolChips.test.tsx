import type { ToolRef } from '@baton/contracts';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ToolChips } from './ToolChips';

const tool = (name: string, requiresApproval?: boolean): ToolRef => ({
  source: 'lab',
  name,
  ...(requiresApproval ? { requiresApproval } : {}),
});

/** The chips' texts, in order. */
function chips(tools: ToolRef[] | undefined): string[] {
  return [...renderToStaticMarkup(<ToolChips tools={tools} />).matchAll(/<li[^>]*>([^<]*)<\/li>/g)].map((m) => m[1]!);
}

describe('the tool chips on a specialist node', () => {
  it('shows nothing without tools, and up to three names in one row', () => {
    expect(renderToStaticMarkup(<ToolChips tools={undefined} />)).toBe('');
    expect(renderToStaticMarkup(<ToolChips tools={[]} />)).toBe('');
    expect(chips([tool('echo'), tool('add'), tool('wipe')])).toEqual(['echo', 'add', 'wipe']);
  });

  it('gives the third place to "+N" past three, and marks the tools that ask first', () => {
    expect(chips([tool('a'), tool('b'), tool('c'), tool('d'), tool('e')])).toEqual(['a', 'b', '+3']);
    const html = renderToStaticMarkup(<ToolChips tools={[tool('echo'), tool('send', true)]} />);
    expect(html).toContain('<li class="is-approval">send</li>');
    expect(html).toContain('title="echo, send"');
  });
});
