// `baton case <trace.json> --out <case.json>`: a test case from a recorded run's trace file (the web app's "Export
// trace", or `baton run --trace`), with its assertions prefilled from what the run did.
import { formatJsonPath, TraceFile } from '@baton/contracts';
import { caseText } from '../cases/save-case';
import { CliError } from '../cli-error';
import type { Command } from '../command';
import { EXIT } from '../exit-codes';
import { onePositional, parseCommandArgs } from '../parse-args';
import { checkWritable, readJsonFile } from '../read-json-file';

export const caseCommand: Command = async (args, { output }) => {
  const { values, positionals } = parseCommandArgs(args, {
    out: { type: 'string', short: 'o' },
    name: { type: 'string' },
  });
  const file = onePositional('case', positionals, 'trace.json');
  if (values.out) checkWritable(values.out, 'test case file');
  const shape = TraceFile.safeParse(readJsonFile(file, 'trace'));
  if (!shape.success) {
    const lines = shape.error.issues
      .slice(0, 20)
      .map((issue) => `${formatJsonPath(issue.path.filter((p) => typeof p !== 'symbol'))}: ${issue.message}`);
    throw new CliError(EXIT.invalid, `${file} is not a Baton trace file (format "baton.trace", version 1):`, lines);
  }
  const { run, graph, events } = shape.data;
  const text = caseText({ name: values.name ?? run.goal.slice(0, 80), graph, events, runId: run.id });
  if (values.out) output.writeFile(values.out, text);
  else output.out(text);
  return EXIT.ok;
};
