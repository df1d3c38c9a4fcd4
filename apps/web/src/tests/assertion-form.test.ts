import type { TestCaseAssertions } from '@baton/contracts';
import { describe, expect, it } from 'vitest';
import { fromForm, toForm } from './assertion-form';

describe('the assertion form', () => {
  it('round-trips every assertion through its text fields', () => {
    const assertions: TestCaseAssertions = {
      status: 'completed',
      result: { schema: { type: 'string' }, contains: ['bees', 'hive'] },
      routes: [{ router: 'triage', target: 'code_review' }],
      noEscalation: true,
      budget: { maxModelCalls: 200, maxTokens: 2000000 },
    };
    expect(fromForm(toForm(assertions))).toEqual({ ok: true, assertions });
    expect(fromForm(toForm({}))).toEqual({ ok: true, assertions: {} });
  });

  it('says what is wrong with a bad schema, route line or budget', () => {
    const form = { ...toForm({}), schema: '{ nope', routes: 'triage code_review', maxTokens: '-3' };
    const check = fromForm(form);
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.problems).toEqual([
      expect.stringContaining('The result schema is not valid JSON'),
      'Route line 1 is not "router -> target".',
      'The budget of tokens must be a whole number.',
    ]);
  });
});
