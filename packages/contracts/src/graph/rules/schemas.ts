// Schemas written by people: they must compile (safely, see json-schema.ts), and a contract that asks for a
// minimum confidence must require a numeric `confidence`, so a missing one never passes silently.
import { compileJsonSchema } from '../../json-schema';
import type { HandoffContract } from '../edges';
import type { GraphIssue } from '../issues';
import { capitalize, edgeIssue, edgeLabel, nodeIssue, nodeLabel, type Rule } from './context';

export const nodeSchemasCompile: Rule = ({ graph }) => {
  const issues: GraphIssue[] = [];
  graph.nodes.forEach((node, index) => {
    const [key, schema] =
      node.kind === 'input'
        ? ['inputSchema', node.data.inputSchema]
        : node.kind === 'specialist'
          ? ['outputSchema', node.data.outputSchema]
          : [undefined, undefined];
    if (!key || schema === undefined) return;
    const compiled = compileJsonSchema(schema);
    if (compiled.ok) return;
    const what = key === 'inputSchema' ? 'input schema' : 'output schema';
    issues.push(
      nodeIssue(
        'invalid_schema',
        { node, index },
        ['data', key, ...(compiled.path ?? [])],
        `The ${what} of ${nodeLabel(node)} cannot be used: ${compiled.message}`,
      ),
    );
  });
  return issues;
};

export const contractSchemasCompile: Rule = (context) => {
  const issues: GraphIssue[] = [];
  context.graph.edges.forEach((edge, index) => {
    if (edge.kind !== 'handoff' || !edge.contract) return;
    const compiled = compileJsonSchema(edge.contract.schema);
    if (compiled.ok) return;
    issues.push(
      edgeIssue(
        'contract_schema',
        { edge, index },
        ['contract', 'schema', ...(compiled.path ?? [])],
        `The schema of the contract "${edge.contract.name}" on ${edgeLabel(edge, context)} cannot be used: ${compiled.message}`,
      ),
    );
  });
  return issues;
};

export const confidenceIsRequired: Rule = (context) => {
  const issues: GraphIssue[] = [];
  context.graph.edges.forEach((edge, index) => {
    if (edge.kind !== 'handoff' || !edge.contract || edge.contract.requiredConfidence <= 0) return;
    const missing = missingConfidence(edge.contract);
    if (!missing) return;
    const { contract } = edge;
    issues.push(
      edgeIssue(
        'contract_confidence',
        { edge, index },
        ['contract', 'schema', ...missing.path],
        `${capitalize(`the contract "${contract.name}" on ${edgeLabel(edge, context)}`)} asks for a confidence of at least ${contract.requiredConfidence}, but its schema ${missing.what}: ${FIX}`,
      ),
    );
  });
  return issues;
};

const FIX = 'add "confidence" to "required", with "type": "number".';

function missingConfidence(contract: HandoffContract): { path: string[]; what: string } | undefined {
  const { schema } = contract;
  const required = Array.isArray(schema.required) ? schema.required : [];
  if (!required.includes('confidence')) return { path: ['required'], what: 'does not require "confidence"' };
  const properties = schema.properties;
  const property =
    typeof properties === 'object' && properties !== null && Object.hasOwn(properties, 'confidence')
      ? (properties as Record<string, unknown>).confidence
      : undefined;
  const type = typeof property === 'object' && property !== null ? (property as { type?: unknown }).type : undefined;
  const types = Array.isArray(type) ? type : [type];
  const numeric = types.length > 0 && types.every((t) => t === 'number' || t === 'integer');
  if (!numeric) {
    return { path: ['properties', 'confidence', 'type'], what: 'does not make "confidence" a number' };
  }
  return undefined;
}
