// A run's JSON input must match the input node's schema, when the graph gives one.
import { compileJsonSchema, formatJsonPath, type GraphDocument, type JsonValue, validateJson } from '@baton/contracts';
import { InvalidRequestError } from '../errors';

export function checkRunInput(graph: GraphDocument, input: JsonValue | undefined): void {
  const inputNode = graph.nodes.find((node) => node.kind === 'input');
  const schema = inputNode?.kind === 'input' ? inputNode.data.inputSchema : undefined;
  if (!schema || input === undefined) return;
  const compiled = compileJsonSchema(schema);
  if (!compiled.ok) return; // parseGraph has already refused schemas that do not compile
  const issues = validateJson(compiled, input);
  if (issues.length > 0) {
    throw new InvalidRequestError(
      `The input does not match the graph's input schema: ${issues[0]!.message}`,
      issues.map((issue) => ({ path: formatJsonPath(['input', ...issue.path]), message: issue.message })),
      'invalid_input',
    );
  }
}
