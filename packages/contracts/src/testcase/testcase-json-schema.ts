// The test case document as JSON Schema 2020-12, generated from the zod schema: what editors and CI read cases with.
import { z } from 'zod';
import { TESTCASE_FORMAT, TESTCASE_VERSION, TestCase } from './test-case';

export const TESTCASE_JSON_SCHEMA_FILE = `baton.testcase.v${TESTCASE_VERSION}.schema.json`;

let cached: Record<string, unknown> | undefined;

/** As committed at `packages/contracts/schema/baton.testcase.v1.schema.json`. */
export function testCaseJsonSchema(): Record<string, unknown> {
  cached ??= {
    ...z.toJSONSchema(TestCase, { target: 'draft-2020-12', io: 'output' }),
    title: `Baton test case, version ${TESTCASE_VERSION}`,
    description: `A recorded Baton run as an offline regression test ("format": "${TESTCASE_FORMAT}"): the goal and input, the completed steps keyed by step key with the hash of their inputs, the tier-to-model mapping and what must hold after a replay.`,
  };
  return structuredClone(cached);
}

/** The committed file's exact text. */
export function testCaseJsonSchemaText(): string {
  return `${JSON.stringify(testCaseJsonSchema(), null, 2)}\n`;
}
