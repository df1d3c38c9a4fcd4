import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import { TestCase } from './test-case';
import { TESTCASE_JSON_SCHEMA_FILE, testCaseJsonSchema, testCaseJsonSchemaText } from './testcase-json-schema';

const FILE = fileURLToPath(new URL(`../../schema/${TESTCASE_JSON_SCHEMA_FILE}`, import.meta.url));

const testCase: TestCase = {
  format: 'baton.testcase',
  version: 1,
  name: 'tide pools',
  graphId: 'example-research-and-write',
  graphVersion: 3,
  goal: 'Write a note on tide pools',
  models: { fast: 'f', balanced: 'b', deep: 'd' },
  steps: [
    {
      stepKey: 'writer/call',
      agentId: 'writer',
      agentName: 'writer',
      actionType: 'llm_call',
      inputHash: 'ab12',
      tier: 'balanced',
      model: 'b',
      messages: [{ role: 'system', content: 'You write.' }],
      output: 'A note.',
      usage: { inputTokens: 3, outputTokens: 2, totalTokens: 5 },
    },
  ],
  decisions: [{ stepKey: 'writer/handoff:e1/escalation', decision: 'approve' }],
  assertions: {
    status: 'completed',
    result: { contains: ['note'], schema: { type: 'string' } },
    routes: [{ router: 'triage', target: 'billing' }],
    noEscalation: true,
    budget: { maxModelCalls: 10, maxTokens: 1000 },
  },
};

describe('the JSON Schema of the test case', () => {
  it('matches the committed file (run `pnpm --filter @baton/contracts schema:write` after changing the format)', () => {
    expect(readFileSync(FILE, 'utf8')).toBe(testCaseJsonSchemaText());
  });

  it('accepts a whole case and refuses another format, a step without its input hash or an unknown status', () => {
    const validate = new Ajv2020({ strict: false, allErrors: true }).compile(testCaseJsonSchema());
    expect(validate(testCase), JSON.stringify(validate.errors)).toBe(true);
    expect(TestCase.safeParse(testCase).success).toBe(true);
    expect(validate({ ...testCase, format: 'baton.trace' })).toBe(false);
    const [step] = testCase.steps;
    const { inputHash: _dropped, ...withoutHash } = step!;
    expect(validate({ ...testCase, steps: [withoutHash] })).toBe(false);
    expect(TestCase.safeParse({ ...testCase, steps: [withoutHash] }).success).toBe(false);
    expect(validate({ ...testCase, assertions: { status: 'great' } })).toBe(false);
    expect(testCaseJsonSchema().$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  });

  it('takes tool steps within version 1: a model call\u2019s tool calls and a tool call\u2019s tool, both optional', () => {
    const validate = new Ajv2020({ strict: false, allErrors: true }).compile(testCaseJsonSchema());
    const withTools: TestCase = {
      ...testCase,
      steps: [
        {
          ...testCase.steps[0]!,
          output: '',
          toolCalls: [{ id: 'c1', name: 'calculator', arguments: '{"expression":"1+1"}' }],
        },
        {
          stepKey: 'writer/call:1/tool:1',
          agentId: 'writer',
          agentName: 'writer',
          actionType: 'tool_call',
          inputHash: 'cd34',
          tool: { source: 'builtin', name: 'calculator', arguments: { expression: '1+1' } },
          output: { isError: false, content: [{ type: 'text', text: '2' }] },
        },
      ],
    };
    expect(validate(withTools), JSON.stringify(validate.errors)).toBe(true);
    expect(TestCase.safeParse(withTools).success).toBe(true);
    const badTool = { ...withTools.steps[1]!, tool: { name: 'calculator' } };
    expect(validate({ ...withTools, steps: [badTool] })).toBe(false);
    expect(TestCase.safeParse({ ...withTools, steps: [badTool] }).success).toBe(false);
  });
});
