// A run's JSON input must match the input node's schema, when the graph gives one.
import { formatJsonPath, type GraphDocument, type JsonValue, runInputIssues } from '@baton/contracts';
import { InvalidRequestError } from '../errors';

export function checkRunInput(graph: GraphDocument, input: JsonValue | undefined): void {
  const issues = runInputIssues(graph, input);
  if (issues.length > 0) {
    throw new InvalidRequestError(
      `The input does not match the graph's input schema: ${issues[0]!.message}`,
      issues.map((issue) => ({ path: formatJsonPath(['input', ...issue.path]), message: issue.message })),
      'invalid_input',
    );
  }
}
