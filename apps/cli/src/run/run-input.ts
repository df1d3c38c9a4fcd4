// The run's JSON input from `--input`: read through the document guards, then checked against the input node's schema.
import { compileJsonSchema, type GraphDocument, type JsonValue, validateJson } from '@baton/contracts';
import { CliError } from '../cli-error';
import { EXIT } from '../exit-codes';
import { issueLines, readJsonFile } from '../read-json-file';

export function readRunInput(path: string | undefined, graph: GraphDocument): JsonValue | undefined {
  if (path === undefined) return undefined;
  const input = readJsonFile(path, 'input') as JsonValue;
  const inputNode = graph.nodes.find((node) => node.kind === 'input');
  const schema = inputNode?.kind === 'input' ? inputNode.data.inputSchema : undefined;
  if (!schema) return input;
  const compiled = compileJsonSchema(schema);
  if (!compiled.ok) return input; // parseGraph has already refused schemas that do not compile
  const issues = validateJson(compiled, input);
  if (issues.length > 0) {
    throw new CliError(
      EXIT.invalid,
      `The input "${path}" does not match the graph's input schema:`,
      issueLines(issues),
    );
  }
  return input;
}
