// `baton run`'s command line: the graph file, the goal, and where results, events and the trace go.
import { Budget, StartRunBody } from '@baton/contracts';
import { parseTraceParent, type TraceParent } from '@baton/server';
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
  /** Where to write the finished run as a test case (format "baton.testcase"), and its name. */
  saveCase: string | undefined;
  caseName: string | undefined;
  /** Where the run goes as OpenTelemetry spans, OTLP JSON Lines (`--otlp`). */
  otlpFile: string | undefined;
  /** The policy the person gave; without one, a terminal asks and anything else fails (stops waiting). */
  onEscalation: EscalationPolicy | undefined;
  budget: Budget | undefined;
  quiet: boolean;
  /** The caller's W3C trace context (`--traceparent`): the run's trace is a child of it, model calls carry it on. */
  traceParent: TraceParent | undefined;
}

/** The run's own limits, as the API's `budget` takes them: they win over the graph's, which win over the defaults. */
const BUDGET_FLAGS = {
  'max-model-calls': 'maxModelCalls',
  'max-tokens': 'maxTokens',
  'max-wall-seconds': 'maxWallSeconds',
} as const;
type BudgetFlag = keyof typeof BUDGET_FLAGS;

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
    'save-case': { type: 'string' },
    'case-name': { type: 'string' },
    otlp: { type: 'string' },
    'on-escalation': { type: 'string' },
    'max-model-calls': { type: 'string' },
    'max-tokens': { type: 'string' },
    'max-wall-seconds': { type: 'string' },
    quiet: { type: 'boolean', short: 'q', default: false },
    traceparent: { type: 'string' },
  });
  const graphFile = onePositional('run', positionals, 'graph.json');
  if (values.goal === undefined)
    throw new CliError(EXIT.usage, 'A run needs a goal: `baton run <graph.json> --goal "..."`.');
  // The same rule as the API's StartRunBody, so a goal the server refuses is refused here too.
  const goal = StartRunBody.shape.goal.safeParse(values.goal);
  if (!goal.success) throw new CliError(EXIT.usage, `--goal: ${goal.error.issues[0]?.message}`);
  const policy = values['on-escalation'];
  if (policy !== undefined && !(ESCALATION_POLICIES as readonly string[]).includes(policy)) {
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
    goal: goal.data,
    inputFile: values.input,
    json: values.json === true,
    events,
    traceFile: values.trace,
    saveCase: values['save-case'],
    caseName: values['case-name'],
    otlpFile: values.otlp,
    onEscalation: policy as EscalationPolicy | undefined,
    budget: parseBudget(values),
    quiet: values.quiet === true,
    traceParent: parseTraceParentFlag(values.traceparent),
  };
}

/**
 * The same reader as the server's `traceparent` header. A header that does not parse is ignored (W3C asks that of a
 * receiver), but a flag a person typed is refused: running outside the trace they named would go unnoticed.
 */
function parseTraceParentFlag(value: string | undefined): TraceParent | undefined {
  if (value === undefined) return undefined;
  const parent = parseTraceParent(value);
  if (!parent) {
    throw new CliError(
      EXIT.usage,
      `--traceparent must be a W3C traceparent, 00-<trace id: 32 hex digits>-<parent id: 16 hex digits>-<flags: 2 hex digits>, neither id all zeros; got "${value.slice(0, 100)}".`,
    );
  }
  return parent;
}

function parseBudget(values: Partial<Record<BudgetFlag, string | boolean | undefined>>): Budget | undefined {
  const given = (Object.keys(BUDGET_FLAGS) as BudgetFlag[]).filter((flag) => typeof values[flag] === 'string');
  if (given.length === 0) return undefined;
  const budget = Object.fromEntries(given.map((flag) => [BUDGET_FLAGS[flag], Number(values[flag])]));
  const parsed = Budget.safeParse(budget);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const flag = given.find((f) => BUDGET_FLAGS[f] === issue.path[0]) ?? given[0]!;
  throw new CliError(
    EXIT.usage,
    `--${flag} must be a positive number, got "${String(values[flag])}": ${issue.message}`,
  );
}
