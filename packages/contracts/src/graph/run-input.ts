// A run's JSON input against the input node's schema, when the graph gives one: the one check the server and the
// command line share.
import { compileJsonSchema, type JsonSchemaIssue, validateJson } from '../json-schema';
import type { GraphDocument } from './graph';

/** What is wrong with `input` for this graph (paths inside the input); empty when it fits or there is no schema. */
export function runInputIssues(graph: GraphDocument, input: unknown): JsonSchemaIssue[] {
  const inputNode = graph.nodes.find((node) => node.kind === 'input');
  const schema = inputNode?.kind === 'input' ? inputNode.data.inputSchema : undefined;
  if (!schema || input === undefined) return [];
  const compiled = compileJsonSchema(schema);
  if (!compiled.ok) return []; // parseGraph has already refused schemas that do not compile
  return validateJson(compiled, input);
}
