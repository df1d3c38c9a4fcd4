// Files the person named: JSON read through the same guards as documents the server accepts (size, depth, syntax),
// and files to write checked before any work is done (a run should not spend model calls to fail at the end).
import { accessSync, constants, readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
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

/** A CliError (exit 2) unless `path` can be written: its folder exists and is writable, and it is not a folder. */
export function checkWritable(path: string, what: string): void {
  const folder = dirname(path);
  try {
    if (statSync(path, { throwIfNoEntry: false })?.isDirectory()) throw new Error('it is a folder');
    accessSync(folder, constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? `the folder "${folder}" does not exist` : (error as Error).message;
    throw new CliError(EXIT.usage, `Cannot write the ${what} "${path}": ${reason}.`);
  }
}
