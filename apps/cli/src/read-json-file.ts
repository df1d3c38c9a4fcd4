// Reads a JSON file the person named, through the same guards as documents the server accepts (size, depth, syntax).
import { readFileSync } from 'node:fs';
import { formatJsonPath, type GraphIssue, parseJsonText } from '@baton/contracts';
import { CliError } from './cli-error';
import { EXIT } from './exit-codes';

/** The file's text, or a CliError (exit 3) that names the file and why it cannot be read. */
export function readTextFile(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'there is no such file' : (error as Error).message;
    throw new CliError(EXIT.invalid, `Cannot read the ${what} "${path}": ${reason}.`);
  }
}

/** The parsed JSON of a file; too large, too deep or broken JSON is refused with where it goes wrong. */
export function readJsonFile(path: string, what: string): unknown {
  const guarded = parseJsonText(readTextFile(path, what));
  if (!guarded.ok)
    throw new CliError(EXIT.invalid, `The ${what} "${path}" cannot be used:`, issueLines(guarded.issues));
  return guarded.value;
}

/** One line per problem: `$.nodes[1].data.name: A name must ...`. */
export function issueLines(issues: readonly Pick<GraphIssue, 'path' | 'message'>[]): string[] {
  return issues.map((issue) => `${formatJsonPath(issue.path)}: ${issue.message}`);
}
