// A regular expression RE2 cannot run is a problem on the edge or node whose schema names it, with its path.
import { describe, expect, it } from 'vitest';
import { edge, graph, input, issuesOf, minimal, output, specialist } from './test-graph';

const LOOKAROUND =
  'lookahead and lookbehind ((?=, (?!, (?<=, (?<!) are not supported, because patterns run on a linear-time engine (RE2).';

describe('graph rules: schema patterns', () => {
  it('puts a lookahead in a contract schema on the edge, at the pattern', () => {
    const schema = { type: 'object', properties: { code: { type: 'string', pattern: '^(?=[A-Z])\\w+$' } } };
    const g = graph(
      [input(), specialist('research'), specialist('writer'), output()],
      [
        edge('handoff', 'in', 'research'),
        edge('handoff', 'research', 'writer', { contract: { name: 'findings', schema, requiredConfidence: 0 } }),
        edge('handoff', 'writer', 'out'),
      ],
    );
    expect(issuesOf(g)).toEqual([
      {
        code: 'contract_schema',
        path: ['edges', 1, 'contract', 'schema', 'properties', 'code', 'pattern'],
        message: `The schema of the contract "findings" on the handoff edge from "research" to "writer" cannot be used: The pattern "^(?=[A-Z])\\\\w+$" cannot be used: ${LOOKAROUND}`,
        edgeId: 'research-writer',
      },
    ]);
  });

  it('puts a backreference in an output schema, and a lookbehind key of patternProperties, on the node', () => {
    const backreference = minimal();
    backreference.nodes[1] = specialist('writer', {
      data: { name: 'writer', outputSchema: { type: 'object', propertyNames: { pattern: '^(a)\\1$' } } },
    } as never);
    expect(issuesOf(backreference)).toEqual([
      {
        code: 'invalid_schema',
        path: ['nodes', 1, 'data', 'outputSchema', 'propertyNames', 'pattern'],
        message:
          'The output schema of the specialist "writer" cannot be used: The pattern "^(a)\\\\1$" cannot be used: backreferences (\\1, \\2...) are not supported, because patterns run on a linear-time engine (RE2).',
        nodeId: 'writer',
      },
    ]);
    const lookbehind = minimal();
    lookbehind.nodes[0] = {
      ...input(),
      data: { inputSchema: { type: 'object', patternProperties: { '(?<!x)y': { type: 'string' } } } },
    } as never;
    expect(issuesOf(lookbehind)).toMatchObject([
      { code: 'invalid_schema', path: ['nodes', 0, 'data', 'inputSchema', 'patternProperties', '(?<!x)y'] },
    ]);
  });
});
