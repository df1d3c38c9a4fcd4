// `baton test <cases...> --graph <graph.json>`: replays recorded runs against the graph as it is now. Offline by
// default (a step whose inputs changed fails its case there); `--live` calls the configured provider for those.
import type { TestCaseResult } from '@baton/contracts';
import * as engine from '@baton/engine';
import { createLogger, createProvider, createScrubber } from '@baton/server';
import { createToolCatalog } from '@baton/tools';
import { CASE_FILE_SUFFIX, caseFilePaths, casesBeside, readCaseFile } from '../cases/case-files';
import { caseLines, summaryLine } from '../cases/case-report';
import { junitXml } from '../cases/junit';
import { CliError } from '../cli-error';
import type { Command } from '../command';
import { EXIT } from '../exit-codes';
import { loadGraph } from '../load-graph';
import { parseCommandArgs } from '../parse-args';
import { checkWritable } from '../read-json-file';

export const testCommand: Command = async (args, { config, output }) => {
  const { values, positionals } = parseCommandArgs(args, {
    graph: { type: 'string', short: 'g' },
    live: { type: 'boolean', default: false },
    junit: { type: 'string' },
    json: { type: 'boolean', default: false },
  });
  if (values.graph === undefined) {
    throw new CliError(EXIT.usage, 'It needs the graph to test: `baton test <cases...> --graph <graph.json>`.');
  }
  if (values.junit) checkWritable(values.junit, 'JUnit file');
  const graph = loadGraph(values.graph);
  // Every file is read and checked before the first replay: a bad case fails the command, not halfway through.
  // No cases named: the ones kept beside the graph file. None there is no failure (a graph without cases yet).
  const paths = positionals.length > 0 ? caseFilePaths(positionals) : casesBeside(values.graph);
  if (paths.length === 0) {
    output.err(`${values.graph}: no test cases beside it (<name>.<case>${CASE_FILE_SUFFIX}); nothing to run.\n`);
    return EXIT.ok;
  }
  const files = paths.map(readCaseFile);
  const logger = createLogger({ secrets: output.secrets, write: (line) => output.err(`${line}\n`) });
  const provider = createProvider(config, engine, logger);
  const live = values.live === true;
  // The tools a run would have (built-ins and baton.config.json's): a live replay may call them for diverged steps.
  const tools = createToolCatalog(config.tools);

  const results: { file: string; result: TestCaseResult }[] = [];
  try {
    for (const { path, testCase } of files) {
      if (testCase.graphId !== graph.id) {
        output.err(`note: ${path} was recorded on graph "${testCase.graphId}", not "${graph.id}".\n`);
      }
      const { result } = await engine.replayTestCase({
        testCase,
        graph,
        provider,
        live,
        tools: tools.sources,
        scrubber: createScrubber(output.secrets),
      });
      results.push({ file: path, result });
      if (!values.json) output.out(`${caseLines(result, path).join('\n')}\n`);
    }
  } finally {
    await tools.close(); // stdio MCP servers end with the command, so the process can exit
  }
  if (values.json) output.out(`${JSON.stringify(results, null, 2)}\n`);
  else output.out(`${summaryLine(results.map((r) => r.result))}\n`);
  if (values.junit) output.writeFile(values.junit, junitXml({ name: graph.name, graphId: graph.id }, results));
  return results.every((r) => r.result.verdict === 'passed') ? EXIT.ok : EXIT.failed;
};
