// `baton run`'s command line: the graph file, the goal, and where results, events and the trace go.
import { CliError } from '../cli-error';
import { EXIT } from '../exit-codes';
import { onePositional, parseCommandArgs } from '../parse-args';
import { ESCALATION_POLICIES, type EscalationPolicy } from './escalations';

export interface RunOptions {
  graphFile: string;
  goal: string;
  inputFile: string | undefined;
  json: boolean;
  /** Where the NDJSON events go: stdout, a file, or nowhere. */
  events: { to: 'stdout' } | { to: 'file'; path: string } | null;
  traceFile: string | undefined;
  onEscalation: EscalationPolicy;
  quiet: boolean;
}

export function parseRunOptions(args: string[]): RunOptions {
  // `--events` names a file only when stdout holds the JSON answer; `--events=FILE` names one either way.
  const json = args.includes('--json');
  const eventsInline = args.find((arg) => arg.startsWith('--events='));
  const rest = args.filter((arg) => arg !== eventsInline);
  const { values, positionals } = parseCommandArgs(rest, {
    goal: { type: 'string', short: 'g' },
    input: { type: 'string', short: 'i' },
    json: { type: 'boolean', default: false },
    events: json ? { type: 'string' } : { type: 'boolean', default: false },
    trace: { type: 'string', short: 't' },
    'on-escalation': { type: 'string', default: 'fail' },
    quiet: { type: 'boolean', short: 'q', default: false },
  });
  const graphFile = onePositional('run', positionals, 'graph.json');
  const goal = values.goal?.trim();
  if (!goal) throw new CliError(EXIT.usage, 'A run needs a goal: `baton run <graph.json> --goal "..."`.');
  const policy = values['on-escalation'] as string;
  if (!(ESCALATION_POLICIES as readonly string[]).includes(policy)) {
    throw new CliError(
      EXIT.usage,
      `--on-escalation must be one of ${ESCALATION_POLICIES.join(', ')}, got "${policy}".`,
    );
  }
  const eventsPath =
    eventsInline?.slice('--events='.length) ?? (typeof values.events === 'string' ? values.events : undefined);
  let events: RunOptions['events'] = null;
  if (eventsPath !== undefined && eventsPath !== '' && eventsPath !== '-') events = { to: 'file', path: eventsPath };
  else if (eventsPath === '-' || values.events === true) {
    if (json) throw new CliError(EXIT.usage, 'With --json, stdout holds the run record: give --events a file.');
    events = { to: 'stdout' };
  }
  return {
    graphFile,
    goal,
    inputFile: values.input,
    json: values.json === true,
    events,
    traceFile: values.trace,
    onEscalation: policy as EscalationPolicy,
    quiet: values.quiet === true,
  };
}
