// The graph file a command runs or tests: parsed and checked by every rule, or a CliError (exit 3) with each problem.
import { type GraphDocument, parseGraph } from '@baton/contracts';
import { CliError } from './cli-error';
import { EXIT } from './exit-codes';
import { issueLines, readTextFile } from './read-json-file';

export function loadGraph(file: string): GraphDocument {
  const parsed = parseGraph(readTextFile(file, 'graph'));
  if (!parsed.ok) throw new CliError(EXIT.invalid, `The graph "${file}" is not valid:`, issueLines(parsed.issues));
  return parsed.graph;
}
