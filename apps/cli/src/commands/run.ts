// `baton run <graph.json> --goal "..."`: runs the graph with the engine in this process and the server's provider.
import { randomUUID } from 'node:crypto';
import { assertNever, type JsonValue, type RunEvent, type RunRecord, traceFile } from '@baton/contracts';
import * as engine from '@baton/engine';
import {
  createLogger,
  createProvider,
  createScrubber,
  otlpJsonLinesOf,
  withToolTraceContext,
  withTraceContext,
} from '@baton/server';
import { createToolCatalog } from '@baton/tools';
import { caseText } from '../cases/save-case';
import type { Command } from '../command';
import { EXIT, type ExitCode } from '../exit-codes';
import { loadGraph } from '../load-graph';
import type { Output } from '../output';
import { checkWritable } from '../read-json-file';
import { interactiveHandler, policyHandler } from '../run/escalations';
import { createProgressView } from '../run/progress';
import { readRunInput } from '../run/run-input';
import { parseRunOptions, type RunOptions } from '../run/run-options';
import { RunRecordBuilder } from '../run/run-record';
import { printable } from '../terminal-text';

export const runCommand: Command = async (args, { config, output }) => {
  const options = parseRunOptions(args);
  if (options.traceFile) checkWritable(options.traceFile, 'trace file');
  if (options.saveCase) checkWritable(options.saveCase, 'test case file');
  if (options.otlpFile) checkWritable(options.otlpFile, 'OTLP file');
  if (options.events?.to === 'file') checkWritable(options.events.path, 'events file');
  const graph = loadGraph(options.graphFile);
  const input = readRunInput(options.inputFile, graph);
  // What the openai SDK prints goes to stderr through the same scrubbing logger as the server's.
  const logger = createLogger({ secrets: output.secrets, write: (line) => output.err(`${line}\n`) });
  const configured = createProvider(config, engine, logger);
  // The tools the server would offer: the built-ins, and the MCP servers and http_fetch hosts of baton.config.json.
  const tools = createToolCatalog(config.tools);
  // A person is asked when both the keyboard and the screen are a terminal, unless a policy was given.
  const interactive = options.onEscalation === undefined && Boolean(process.stdin.isTTY && process.stderr.isTTY);
  const policy = options.onEscalation ?? 'fail';
  const view = createProgressView(
    options.quiet ? 'none' : process.stderr.isTTY ? 'tty' : 'plain',
    output,
    process.stderr.columns || 80,
  );

  const controller = new AbortController();
  let interrupts = 0;
  const interrupt = () => {
    interrupts += 1;
    // A second Ctrl+C does not wait for the run to wind down.
    if (interrupts > 1) process.exit(EXIT.cancelled);
    output.err('\nCancelling (Ctrl+C again to quit at once)...\n');
    controller.abort(new Error('Cancelled with Ctrl+C.'));
  };
  process.on('SIGINT', interrupt);

  const runId = `run_${randomUUID()}`;
  // Under a caller's trace, each model request carries a traceparent naming its own chat span in that trace, and
  // each tool call one naming its execute_tool span.
  const provider = options.traceParent ? withTraceContext(configured, runId, options.traceParent) : configured;
  const toolSources = options.traceParent
    ? tools.sources.map((source) => withToolTraceContext(source, runId, options.traceParent ?? null))
    : tools.sources;
  const record = new RunRecordBuilder({
    id: runId,
    graph,
    goal: options.goal,
    input: input ?? null,
    createdAt: Date.now(),
  });
  const events: RunEvent[] = [];
  const writeEvent = eventWriter(options, output);
  const handle = engine.runGraph({
    runId,
    graph,
    graphVersion: 1,
    goal: options.goal,
    input,
    budget: options.budget,
    provider,
    tools: toolSources,
    // Events are scrubbed before they are sealed, as the server's are, so a trace written here verifies.
    scrubber: createScrubber(output.secrets),
    signal: controller.signal,
    escalations: interactive
      ? interactiveHandler(output, { pause: () => view.pause(), resume: () => view.resume(), interrupt })
      : policyHandler(policy),
  });
  handle.outcome.catch(() => {}); // the events say how the run ended; a rejection here must not go unhandled

  try {
    for await (const event of handle.events) {
      events.push(event);
      record.apply(event);
      view.onEvent(event);
      writeEvent(event);
      // Nobody can decide: stop with the run waiting. Leaving the loop detaches the consumer, which ends the engine.
      if (event.type === 'run.waiting' && !interactive && policy === 'fail') break;
    }
  } finally {
    process.off('SIGINT', interrupt);
    view.finish();
    await tools.close(); // stdio MCP servers end with the run, so the process can exit
  }

  const run = record.record();
  if (options.traceFile) {
    output.writeFile(options.traceFile, `${JSON.stringify(traceFile({ run, graph, events }), null, 2)}\n`);
  }
  // A run that stopped waiting has not ended: it cannot be a case, and caseText says so.
  if (options.saveCase && run.status !== 'waiting') {
    const name = options.caseName ?? options.goal.slice(0, 80);
    output.writeFile(options.saveCase, caseText({ name, graph, events, runId }));
  }
  if (options.otlpFile) {
    // The same spans and ids the server's OTLP export would send for these events (content as OTEL_* says).
    const otel = {
      serviceName: config.otel?.serviceName ?? 'baton',
      captureContent: config.otel?.captureContent ?? false,
    };
    const parent = options.traceParent ? { parent: options.traceParent } : {};
    output.writeFile(
      options.otlpFile,
      otlpJsonLinesOf(events, graph.name, { ...otel, secrets: output.secrets, ...parent }),
    );
  }
  report(run, options, output);
  return exitCodeOf(run);
};

function eventWriter(options: RunOptions, output: Output): (event: RunEvent) => void {
  const { events } = options;
  if (events === null) return () => {};
  if (events.to === 'stdout') return (event) => output.out(`${JSON.stringify(event)}\n`);
  output.writeFile(events.path, '');
  return (event) => output.appendFile(events.path, `${JSON.stringify(event)}\n`);
}

/** The answer on stdout (unless stdout carries the events), and why a run did not complete on stderr. */
function report(run: RunRecord, options: RunOptions, output: Output): void {
  if (options.json) output.out(`${JSON.stringify(run, null, 2)}\n`);
  else if (run.status === 'completed' && options.events?.to !== 'stdout') {
    const text = resultText(run.result);
    // Piped, the result is data and goes as it is; on a terminal, its escape sequences are shown, not obeyed.
    output.out(`${process.stdout.isTTY ? printable(text) : text}\n`);
  }
  if (run.status === 'waiting') {
    output.err(
      `The run is waiting for a person (escalation ${run.pendingEscalations.join(', ')}), and none can be asked here. ` +
        'Run it in a terminal, or decide with --on-escalation approve|reject.\n',
    );
  } else if (run.status !== 'completed' && run.error) {
    output.err(`The run ${run.status === 'cancelled' ? 'was cancelled' : 'failed'}: ${run.error.message}\n`);
  }
}

function resultText(result: JsonValue | null): string {
  return typeof result === 'string' ? result : JSON.stringify(result, null, 2);
}

function exitCodeOf(run: RunRecord): ExitCode {
  switch (run.status) {
    case 'completed':
      return EXIT.ok;
    case 'waiting':
      return EXIT.waiting;
    case 'cancelled':
      return EXIT.cancelled;
    case 'failed':
    case 'interrupted':
    case 'queued':
    case 'running':
      return EXIT.failed;
    default:
      return assertNever(run.status, 'run status');
  }
}
