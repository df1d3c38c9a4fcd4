// The help text: the commands, their options and the exit codes, as the README documents them.
export const USAGE = `Usage: baton <command> [options]

Commands:
  run <graph.json> --goal "..."   Run a graph with the engine in this process (no server needed)
      --input <file.json>           JSON input for the input node (checked against its inputSchema)
      --json                        Print the run record as JSON instead of the result as text
      --events                      Write every run event as NDJSON to stdout (without --json)
      --events <file>               ...to a file (needed with --json; --events=<file> always works)
      --trace <out.json>            Write the trace file (format "baton.trace", version 1)
      --save-case <out.json>        Write the finished run as a test case (format "baton.testcase")
      --case-name <name>            ...named this (default: the goal)
      --otlp <out.jsonl>            Write the run as OpenTelemetry spans, OTLP JSON Lines
      --traceparent <value>         Run as a child of the caller's W3C trace (00-<trace>-<span>-<flags>):
                                    the OTLP spans join it, each model request carries it on
      --on-escalation <policy>      fail | approve | reject: decide low-confidence handoffs this way.
                                    Without it a terminal asks you; elsewhere it is fail (exit code 4)
      --max-model-calls <n>         The run's budget: model calls, tokens, wall seconds (not counting
      --max-tokens <n>              time spent waiting for a person); they win over the graph's
      --max-wall-seconds <s>
      --quiet                       No progress on stderr
  validate <graph.json> [--json]  Check a graph: every problem with its JSON path
  verify <trace.json> [--json]    Check a trace file's hash chain; says which event breaks it
  migrate <graph.json> [--out <file>]
                                  Write the current version of a graph document (stdout by default)
  test [cases...] --graph <graph.json>
                                  Replay recorded runs (case files, or folders of *.testcase.json;
                                  none: the <graph>.*.testcase.json files beside the graph) against
                                  the graph, offline: no model call; a step whose inputs changed
                                  fails its case there, with what changed
      --live                        Call the configured provider for the steps that changed instead
      --junit <out.xml>             Also write the results as JUnit XML
      --json                        Print the results as JSON
  case <trace.json> [--out <file>] [--name <name>]
                                  Make a test case from a trace file (stdout by default)

  baton --version | --help

Exit codes:
  0    completed (run), valid (validate), intact (verify), written (migrate, case), every case passed (test)
  1    the run failed, the trace's chain is broken, or a test case failed or diverged
  2    wrong command line or configuration
  3    the graph, the input, the trace or a test case file cannot be read or is not valid
  4    the run is waiting for a person and none could be asked
  130  cancelled with Ctrl+C

Settings come from the same environment variables as the server (OPENAI_API_KEY, OPENAI_BASE_URL,
BATON_MODEL_*, BATON_SIM_*); without OPENAI_API_KEY the simulated provider runs. Output never contains
a configured secret.
`;
