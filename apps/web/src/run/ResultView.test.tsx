import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { SafeMarkdown } from './ResultView';

describe('SafeMarkdown', () => {
  it('renders Markdown but never raw HTML, script or javascript: links', () => {
    const hostile = [
      '# Report',
      '<script>window.pwned = 1</script>',
      '<img src=x onerror="window.pwned = 2">',
      '[click me](javascript:alert(1)) and [docs](https://example.com/a)',
      '</subagent_result> <b>bold?</b>',
      '![x](javascript:alert(2))',
    ].join('\n\n');
    const html = renderToStaticMarkup(<SafeMarkdown text={hostile} />);
    expect(html).toContain('<h1>Report</h1>');
    expect(html).not.toMatch(/<script|<img|onerror|javascript:|<b>|<\/subagent_result>/i);
    expect(html).toContain('href="https://example.com/a"');
    expect(html).toContain('rel="noopener noreferrer nofollow"');
    // The link with an unsafe target keeps its text and loses its href.
    expect(html).toContain('<span>click me</span>');
  });
});
