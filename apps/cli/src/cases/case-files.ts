// The test case files named on the command line: files as given, folders as every `*.testcase.json` in them, each
// read through the JSON guards and checked against the testcase schema, every problem with its JSON path.
import { readdirSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { formatJsonPath, TestCase } from '@baton/contracts';
import { CliError } from '../cli-error';
import { EXIT } from '../exit-codes';
import { readJsonFile } from '../read-json-file';

export const CASE_FILE_SUFFIX = '.testcase.json';

export interface CaseFile {
  path: string;
  testCase: TestCase;
}

/** Every case file the arguments name, in the order given (a folder's files sorted by name). */
export function caseFilePaths(args: readonly string[]): string[] {
  const paths: string[] = [];
  for (const arg of args) {
    const stat = statSync(arg, { throwIfNoEntry: false });
    if (!stat) throw new CliError(EXIT.invalid, `Cannot read the test case "${arg}": there is no such file or folder.`);
    if (!stat.isDirectory()) {
      paths.push(arg);
      continue;
    }
    const inFolder = readdirSync(arg)
      .filter((name) => name.endsWith(CASE_FILE_SUFFIX))
      .sort()
      .map((name) => join(arg, name));
    if (inFolder.length === 0) {
      throw new CliError(
        EXIT.invalid,
        `The folder "${arg}" holds no test case (no file ending in ${CASE_FILE_SUFFIX}).`,
      );
    }
    paths.push(...inFolder);
  }
  return paths;
}

export function readCaseFile(path: string): CaseFile {
  const parsed = TestCase.safeParse(readJsonFile(path, 'test case'));
  if (!parsed.success) {
    const lines = parsed.error.issues
      .slice(0, 20)
      .map((issue) => `${formatJsonPath(issue.path.filter((p) => typeof p !== 'symbol'))}: ${issue.message}`);
    throw new CliError(EXIT.invalid, `${path} is not a Baton test case (format "baton.testcase", version 1):`, lines);
  }
  return { path, testCase: parsed.data };
}

/** A file name for a case: its name as a slug, so a folder of cases sorts and diffs well. */
export function caseFileName(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return `${slug || 'case'}${CASE_FILE_SUFFIX}`;
}

/**
 * The cases kept beside a graph file, as the server exports them: `<graph>.<case>.testcase.json` next to
 * `<graph>.baton.json` (or `<graph>.json`).
 */
export function casesBeside(graphFile: string): string[] {
  const stem = basename(graphFile).replace(/(\.baton)?\.json$/, '');
  const folder = dirname(graphFile);
  return readdirSync(folder)
    .filter((name) => name.startsWith(`${stem}.`) && name.endsWith(CASE_FILE_SUFFIX))
    .sort()
    .map((name) => join(folder, name));
}
