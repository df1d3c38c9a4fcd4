// `baton validate <graph.json>`: every problem of the graph at once, each with its JSON path; exit 3 when there is one.
import { formatJsonPath, parseGraph } from '@baton/contracts';
import type { Command } from '../command';
import { EXIT } from '../exit-codes';
import { onePositional, parseCommandArgs } from '../parse-args';
import { issueLines, readTextFile } from '../read-json-file';

export const validateCommand: Command = async (args, { output }) => {
  const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean', default: false } });
  const file = onePositional('validate', positionals, 'graph.json');
  // parseGraph takes the text itself, so its guards (size, depth, syntax with line and column) apply as they do on import.
  const parsed = parseGraph(readTextFile(file, 'graph'));
  if (values.json) {
    const issues = parsed.ok ? [] : parsed.issues.map((issue) => ({ ...issue, jsonPath: formatJsonPath(issue.path) }));
    output.out(`${JSON.stringify({ valid: parsed.ok, issues }, null, 2)}\n`);
  } else if (parsed.ok) {
    output.out(`${file}: valid (${parsed.graph.nodes.length} nodes, ${parsed.graph.edges.length} edges).\n`);
  } else {
    const count = parsed.issues.length;
    output.err(`${file}: ${count} problem${count === 1 ? '' : 's'}:\n`);
    for (const line of issueLines(parsed.issues)) output.err(`  ${line}\n`);
  }
  return parsed.ok ? EXIT.ok : EXIT.invalid;
};
