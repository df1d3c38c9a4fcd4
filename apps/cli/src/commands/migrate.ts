// `baton migrate <graph.json>`: the document brought up to the current format version, in the export's stable form.
import { exportGraphJson, GRAPH_VERSION, GraphValidationError, migrateGraph } from '@baton/contracts';
import { CliError } from '../cli-error';
import type { Command } from '../command';
import { EXIT } from '../exit-codes';
import { onePositional, parseCommandArgs } from '../parse-args';
import { checkWritable, issueLines, readJsonFile } from '../read-json-file';

export const migrateCommand: Command = async (args, { output }) => {
  const { values, positionals } = parseCommandArgs(args, { out: { type: 'string', short: 'o' } });
  const file = onePositional('migrate', positionals, 'graph.json');
  if (values.out) checkWritable(values.out, 'output file');
  const document = readJsonFile(file, 'graph');
  const from = (document as { version?: unknown } | null)?.version;
  const migrated = migrateGraph(document);
  if (!migrated.ok) throw new CliError(EXIT.invalid, `${file} cannot be migrated:`, issueLines(migrated.issues));
  let text: string;
  try {
    // Only the shape is needed to write the document; `baton validate` checks the graph's rules.
    text = exportGraphJson(migrated.document as Parameters<typeof exportGraphJson>[0]);
  } catch (error) {
    if (!(error instanceof GraphValidationError)) throw error;
    throw new CliError(
      EXIT.invalid,
      `${file} migrates to version ${GRAPH_VERSION}, but its shape is not valid:`,
      issueLines(error.issues),
    );
  }
  if (values.out) {
    output.writeFile(values.out, text);
    output.err(`${file}: version ${String(from)} -> ${GRAPH_VERSION}, written to ${values.out}.\n`);
  } else {
    output.out(text);
  }
  return EXIT.ok;
};
