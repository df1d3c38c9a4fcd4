// Draft-07 input schemas, as MCP servers send them, read as 2020-12 with the same meaning.
import { describe, expect, it } from 'vitest';
import { toDraft2020 } from './input-schema';

describe('toDraft2020', () => {
  it('drops the draft-07 $schema and rewrites tuple items, additionalItems and dependencies, deep inside too', () => {
    const schema = toDraft2020({
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'object',
      properties: {
        pair: { type: 'array', items: [{ type: 'string' }, { type: 'number' }], additionalItems: false },
        list: { type: 'array', items: { type: 'string' } },
      },
      dependencies: { a: ['b'], c: { required: ['d'] } },
    });
    expect(schema).toEqual({
      type: 'object',
      properties: {
        pair: { type: 'array', prefixItems: [{ type: 'string' }, { type: 'number' }], items: false },
        list: { type: 'array', items: { type: 'string' } },
      },
      dependentRequired: { a: ['b'] },
      dependentSchemas: { c: { required: ['d'] } },
    });
  });

  it('leaves a 2020-12 schema as it is', () => {
    const schema = { $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object', prefixItems: [] };
    expect(toDraft2020(schema)).toBe(schema);
  });
});
