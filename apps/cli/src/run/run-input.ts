// The run's JSON input from `--input`: read through the document guards, then checked against the input node's schema.
import { type GraphDocument, type JsonValue, runInputIssues } from '@baton/contracts';
import { CliError } from '../cli-error';
import { EXIT } from '../exit-codes';
import { issueLines, readJsonFile } from '../read-json-file';

export function readRunInput(path: string | undefined, graph: GraphDocument): JsonValue | undefined {
  if (path === undefined) return undefined;
  const input = readJsonFile(path, 'input') as JsonValue;
  const issues = runInputIssues(graph, input);
  if (issues.length > 0) {
    throw new CliError(
      EXIT.invalid,
      `The input "${path}" does not match the graph's input schema:`,
      issueLines(issues),
    );
  }
  return input;
}
