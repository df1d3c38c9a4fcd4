import type { HandoffContract } from '@baton/contracts';
import { describe, expect, it } from 'vitest';
import { checkEditedPayload, checkJsonText } from './json-check';

const contract: HandoffContract = {
  name: 'findings',
  schema: {
    type: 'object',
    properties: { key_findings: { type: 'array', items: { type: 'string' } }, confidence: { type: 'number' } },
    required: ['key_findings', 'confidence'],
  },
  requiredConfidence: 0.8,
  onLowConfidence: 'escalate',
};

describe('checkEditedPayload', () => {
  it('accepts an edit that meets the contract', () => {
    expect(checkEditedPayload(contract, '{"key_findings":["a"],"confidence":0.95}')).toEqual({
      ok: true,
      value: { key_findings: ['a'], confidence: 0.95 },
    });
  });

  it('refuses text that is not JSON', () => {
    const check = checkEditedPayload(contract, '{"key_findings": [');
    expect(check.ok).toBe(false);
    expect(!check.ok && check.problems[0]).toMatch(/^Not valid JSON/);
  });

  it('refuses an edit that breaks the schema, saying where', () => {
    const check = checkEditedPayload(contract, '{"key_findings":[1]}');
    expect(check.ok).toBe(false);
    const problems = check.ok ? [] : check.problems;
    expect(problems.some((p) => p.startsWith('$.key_findings[0]'))).toBe(true);
    expect(problems.some((p) => p.includes('confidence'))).toBe(true);
  });
});

describe('checkJsonText', () => {
  it('only parses when there is no schema', () => {
    expect(checkJsonText('[1, 2]', undefined)).toEqual({ ok: true, value: [1, 2] });
  });

  it('checks a run input against the input node schema', () => {
    const schema = { type: 'object', properties: { topic: { type: 'string' } }, required: ['topic'] };
    expect(checkJsonText('{"topic": "tea"}', schema).ok).toBe(true);
    const check = checkJsonText('{"topic": 3}', schema);
    expect(check.ok ? [] : check.problems).toEqual([expect.stringMatching(/^\$\.topic: /)]);
  });

  it('says so when the schema itself cannot be compiled', () => {
    const check = checkJsonText('{}', { $ref: 'https://example.com/remote.json' });
    expect(check.ok).toBe(false);
  });
});
