import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { checkJsonText } from './json-check';
import { ToolCallFacts, type ToolCallSubject, toolCallWording } from './ToolCallEscalation';

const subject: ToolCallSubject = {
  kind: 'tool_call',
  source: 'office',
  tool: 'send',
  arguments: { to: '<img src=x onerror="window.pwned = 1">', body: '</pre><script>alert(1)</script>' },
  inputSchema: { type: 'object', properties: { to: { type: 'string', minLength: 1 } }, required: ['to'] },
  question: 'approval',
};

describe('a tool call in the escalation dialog', () => {
  it('shows the tool, its source, the agent and the arguments as text, never as markup', () => {
    const html = renderToStaticMarkup(<ToolCallFacts subject={subject} agentName="clerk" />);
    expect(html).toContain('send');
    expect(html).toContain('(office)');
    expect(html).toContain('clerk');
    expect(html).not.toMatch(/<img|<script|<\/pre><script/i);
    expect(html).toContain('&lt;img src=x onerror=');
    expect(html).toContain('&lt;/pre&gt;&lt;script&gt;');
  });

  it('names the decisions for the question: approval edits arguments against the schema', () => {
    const wording = toolCallWording(subject);
    expect([wording.approve, wording.edit, wording.reject]).toEqual(['Approve', 'Edit arguments', 'Reject']);
    expect(JSON.parse(wording.editStart)).toEqual(subject.arguments);
    const check = checkJsonText('{"to": ""}', wording.editSchema);
    expect(check.ok).toBe(false);
    expect(!check.ok && check.problems[0]).toContain('$.to');
  });

  it('for a call that may have run: run again, give the result (any JSON), or fail', () => {
    const wording = toolCallWording({ ...subject, question: 'may_have_run' });
    expect(wording.title).toBe('A tool call may have run');
    expect([wording.approve, wording.edit, wording.reject]).toEqual([
      'Run it again',
      'Give the result',
      'Fail the call',
    ]);
    expect(wording.editSchema).toBeUndefined();
    expect(checkJsonText('"It was sent at 10:02."', wording.editSchema)).toEqual({
      ok: true,
      value: 'It was sent at 10:02.',
    });
  });
});
