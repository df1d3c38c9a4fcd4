// The trust boundary under attack: a corpus of hostile agent outputs through every repair path of every pattern,
// with the real openai SDK against the fake server. Every recorded request is parsed into the engine's own text and
// wrapper bodies; the engine's text must not change when the agents' outputs do.
import type { GraphDocument, HandoffContract, JsonSchemaObject, RunEvent } from '@baton/contracts';
import { describe, expect, it } from 'vitest';
import { createOpenAIProvider } from '../model/openai-provider';
import type { ChatRequestBody } from '../testing/chat-request';
import { collectRun } from '../testing/collect-run';
import { type FakeOpenAIServerOptions, type FakeReply, startFakeOpenAIServer } from '../testing/fake-openai-server';
import { edge, graph, node } from '../testing/graphs';
import { benignOutput, HOSTILE_OUTPUTS } from '../testing/hostile-outputs';
import { type ParsedPrompt, parsePrompt } from '../testing/prompt-parser';

const NONCE = 'n0nce';
const GOAL = 'Summarise the findings for the board';

const FINDINGS: JsonSchemaObject = {
  type: 'object',
  properties: {
    summary: { type: 'string' },
    facts: { type: 'array', items: { type: 'string' } },
    sources: { type: 'array', items: { type: 'string' } },
  },
  required: ['summary', 'facts'],
  additionalProperties: false,
};
const CONTRACT: HandoffContract = {
  name: 'checked findings',
  schema: { ...FINDINGS, required: ['summary', 'facts', 'sources'] },
  requiredConfidence: 0,
  onLowConfidence: 'proceed',
};
const contract = { contract: CONTRACT };

/** One agent reply, written with `v`: a hostile output, or its benign twin. */
type Reply = (v: string) => FakeReply;
const text: Reply = (v) => ({ text: v });
/** Never valid JSON, whatever `v` is (a JSON document cannot end in `{`); the parser's message quotes `v`. */
const notJson: Reply = (v) => ({ text: `${v}\n}{` });
/** A property named `v` that no schema allows, and required properties missing. */
const breaksSchema: Reply = (v) => ({ json: { summary: v, [v]: v } });
const findings: Reply = (v) => ({ json: { summary: v, facts: [v, v] } });
const checked: Reply = (v) => ({ json: { summary: v, facts: [v], sources: [v] } });
const verdict: Reply = (v) => ({ text: `REVISION NEEDED\n${v}` });
const turn =
  (agree: boolean): Reply =>
  (v) => ({ json: { message: v, agree } });
const wrongTurn: Reply = (v) => ({ json: { [v]: v, agree: 'maybe' } });
/** Ids, descriptions and a worker name chosen by the model, all `v`. */
const plan: Reply = (v) => ({
  json: {
    subtasks: [
      { id: `${v}#1`, description: v, assigned_to: 'researcher', depends_on: [] },
      { id: `${v}#2`, description: v, assigned_to: 'analyst', depends_on: [] },
      { id: `${v}#3`, description: v, assigned_to: 'writer', depends_on: [`${v}#1`] },
      { id: `${v}#4`, description: v, assigned_to: v, depends_on: [] },
    ],
  },
});

interface Scenario {
  graph: GraphDocument;
  /** Replies per agent, keyed by how its system message starts, in the order it is called. */
  script: Record<string, Reply[]>;
  /** How many model calls are repairs (of a parse failure, a schema failure, a contract). */
  repairs: number;
  /** The repair paths it takes: `reply:` a structured reply repaired, `contract:` a handoff repaired. */
  paths: string[];
  server?: FakeOpenAIServerOptions;
}

const SCENARIOS: Record<string, Scenario> = {
  'orchestrator/worker': {
    graph: graph(
      [
        node('in', 'input'),
        node('lead', 'orchestrator', { instructions: 'Lead the team.' }),
        node('researcher', 'specialist', { instructions: 'You research.' }),
        node('analyst', 'specialist', { instructions: 'You analyse.', outputSchema: FINDINGS }),
        node('writer', 'specialist', { instructions: 'You write.' }),
        node('out', 'output'),
      ],
      [
        edge('in', 'lead'),
        edge('lead', 'researcher', 'dispatch'),
        edge('lead', 'analyst', 'dispatch'),
        edge('lead', 'writer', 'dispatch'),
        edge('researcher', 'writer', 'handoff', contract),
        edge('lead', 'out'),
      ],
    ),
    script: {
      'You are an orchestrator': [notJson, plan],
      'You are lead.': [text],
      'You research.': [breaksSchema, checked],
      'You analyse.': [breaksSchema, findings],
      'You write.': [text],
    },
    // The plan's parse failure, the analyst's own schema, the researcher's contract towards the writer.
    repairs: 3,
    paths: ['reply:not json', 'reply:disallowed', 'reply:missing', 'contract:disallowed', 'contract:missing'],
  },
  routing: {
    graph: graph(
      [
        node('in', 'input'),
        node('first', 'specialist', { instructions: 'You go first.', outputSchema: FINDINGS }),
        node('triage', 'router', { instructions: 'Route it.' }),
        node('alpha_desk', 'specialist', { instructions: 'Alpha desk.', description: 'alpha work' }),
        node('beta_desk', 'specialist', { instructions: 'Beta desk.', description: 'beta work' }),
        node('out', 'output'),
      ],
      [
        edge('in', 'first'),
        edge('first', 'triage'),
        edge('triage', 'alpha_desk', 'route'),
        edge('triage', 'beta_desk', 'route', { fallback: true }),
        edge('alpha_desk', 'out'),
        edge('beta_desk', 'out', 'handoff', contract),
      ],
    ),
    script: {
      'You go first.': [notJson, findings],
      'You are a router': [text],
      'Alpha desk.': [text],
      'Beta desk.': [breaksSchema, checked],
    },
    repairs: 2,
    paths: ['reply:not json', 'contract:disallowed', 'contract:missing'],
  },
  review: {
    graph: graph(
      [
        node('in', 'input'),
        node('drafter', 'specialist', { instructions: 'You draft.', outputSchema: FINDINGS }),
        node('critic', 'reviewer', { criteria: 'Be right.', maxRevisions: 1 }),
        node('out', 'output'),
      ],
      [edge('in', 'drafter'), edge('drafter', 'critic', 'review'), edge('critic', 'out', 'handoff', contract)],
    ),
    script: {
      // The draft breaks its schema, the revision is not JSON, the draft passed on breaks the contract.
      'You draft.': [breaksSchema, findings, notJson, findings, checked],
      'You are critic': [verdict, verdict],
    },
    repairs: 3,
    paths: ['reply:disallowed', 'reply:missing', 'reply:not json', 'contract:disallowed', 'contract:missing'],
  },
  mesh: {
    graph: graph(
      [
        node('in', 'input'),
        node('team', 'mesh', { instructions: 'Agree on it.', maxRounds: 2 }),
        node('p1', 'specialist', { instructions: 'Peer one.' }, { parentId: 'team' }),
        node('p2', 'specialist', { instructions: 'Peer two.' }, { parentId: 'team' }),
        node('out', 'output'),
      ],
      [edge('in', 'team'), edge('team', 'out', 'handoff', contract)],
    ),
    script: {
      'Peer one.': [turn(false), notJson, turn(true)],
      'Peer two.': [wrongTurn, turn(false), turn(true)],
      'You are team.': [breaksSchema, checked],
    },
    repairs: 3,
    paths: ['reply:not json', 'reply:wrong shape', 'contract:disallowed', 'contract:missing'],
  },
};
// The same with a server that has no structured output: the schema travels in a user message (prompt and parse).
SCENARIOS['review, schema in the prompt'] = {
  ...SCENARIOS.review!,
  server: { supportsJsonSchema: false, supportsJsonObject: false },
};

interface Recorded {
  status: string;
  requests: ChatRequestBody[];
  events: RunEvent[];
}

async function run(scenario: Scenario, v: string): Promise<Recorded> {
  const server = await startFakeOpenAIServer(scenario.server);
  const calls = new Map<string, number>();
  server.setResponder((request) => {
    const system = request.body.messages.find((m) => m.role === 'system')?.content ?? '';
    const agent = Object.keys(scenario.script).find((start) => system.startsWith(start));
    if (!agent) throw new Error(`No script for the agent whose system message is ${JSON.stringify(system)}`);
    const n = calls.get(agent) ?? 0;
    calls.set(agent, n + 1);
    const replies = scenario.script[agent]!;
    return replies[Math.min(n, replies.length - 1)]!(v);
  });
  try {
    const provider = createOpenAIProvider({
      apiKey: 'k',
      baseURL: server.baseURL,
      models: { fast: 'f', balanced: 'b', deep: 'd' },
      maxRetries: 0,
    });
    const { outcome, events } = await collectRun({ graph: scenario.graph, goal: GOAL, provider, concurrency: 1 });
    return { status: outcome.status, requests: server.requests.map((r) => r.body), events };
  } finally {
    await server.close();
  }
}

/** Characters of the first run's engine text that the second run's does not have at the same place. */
function differingCharacters(a: readonly string[], b: readonly string[]): number {
  let count = Math.abs(a.length - b.length) * 1_000_000;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    let same = 0;
    while (same < Math.min(x.length, y.length) && x[same] === y[same]) same++;
    count += Math.max(x.length, y.length) - same;
  }
  return count;
}

interface Findings {
  /** Characters of engine text (outside wrapper bodies, labels included) that changed with the agents' outputs. */
  outside: number;
  /** Characters of system messages that changed with them, and wrappers found in system messages. */
  inSystem: number;
  problems: string[];
  /** Whether the hostile output reached the model at all (inside a wrapper). */
  reached: boolean;
  repairs: number;
  /** The repair paths taken, read from the problem lists in the repair requests: `<reply|contract>:<problem>`. */
  paths: string[];
}

/** Parses every message of two runs that differ only in what the agents said, and compares the engine's text. */
function compare(hostile: Recorded, benign: Recorded, v: string): Findings {
  const repairs = hostile.events.filter(
    (e) => e.type === 'action.started' && e.actionType === 'llm_call' && e.stepKey?.endsWith('/repair'),
  ).length;
  const found: Findings = { outside: 0, inSystem: 0, problems: [], reached: false, repairs, paths: [] };
  const paths = new Set<string>();
  if (hostile.requests.length !== benign.requests.length) {
    found.problems.push(`${hostile.requests.length} requests against ${benign.requests.length}`);
  }
  const escaped = JSON.stringify(v).slice(1, -1);
  const needle = (s: string) => s.slice(0, 200);
  for (const [r, request] of hostile.requests.entries()) {
    const twin = benign.requests[r];
    for (const [m, message] of request.messages.entries()) {
      const other = twin?.messages[m];
      if (other?.role !== message.role) found.problems.push(`request ${r} message ${m}: roles differ`);
      const mine: ParsedPrompt = parsePrompt(message.content ?? '', NONCE);
      const theirs: ParsedPrompt = parsePrompt(other?.content ?? '', NONCE);
      found.problems.push(...mine.problems.map((p) => `request ${r} message ${m}: ${p}`));
      found.problems.push(...theirs.problems.map((p) => `benign request ${r} message ${m}: ${p}`));
      // A wrapper's label is the engine's text too (it is repeated in the note outside the element).
      const labels = (p: ParsedPrompt) => p.wrappers.map((w) => w.label);
      const changed =
        differingCharacters(mine.engine, theirs.engine) + differingCharacters(labels(mine), labels(theirs));
      if (message.role === 'system') found.inSystem += changed + mine.wrappers.length * 1_000_000;
      else found.outside += changed;
      for (const wrapper of mine.wrappers) {
        if (wrapper.data.includes(needle(v)) || wrapper.data.includes(needle(escaped))) found.reached = true;
        if (wrapper.label.startsWith('the check of ')) {
          const where = wrapper.label.endsWith('previous output') ? 'contract' : 'reply';
          for (const [problem, pattern] of PROBLEMS) if (pattern.test(wrapper.data)) paths.add(`${where}:${problem}`);
        }
      }
    }
  }
  found.paths = [...paths].sort();
  return found;
}

const PROBLEMS: [string, RegExp][] = [
  ['not json', /not valid JSON/],
  ['disallowed', /not allowed here/],
  ['missing', /required property is missing/],
  ['wrong shape', /Expected \{"message"/],
];

const BATCH = 4;

describe('hostile agent outputs', () => {
  it('is a corpus of at least 40 distinct outputs', () => {
    expect(HOSTILE_OUTPUTS.length).toBeGreaterThanOrEqual(40);
    expect(new Set(HOSTILE_OUTPUTS).size).toBe(HOSTILE_OUTPUTS.length);
  });

  for (const [name, scenario] of Object.entries(SCENARIOS)) {
    it(`never leave their wrappers, nor reach a system message: ${name}`, { timeout: 120_000 }, async () => {
      const report: { index: number; findings: Findings; status: string }[] = [];
      for (let start = 0; start < HOSTILE_OUTPUTS.length; start += BATCH) {
        const indexes = HOSTILE_OUTPUTS.slice(start, start + BATCH).map((_, k) => start + k);
        await Promise.all(
          indexes.map(async (index) => {
            const v = HOSTILE_OUTPUTS[index]!;
            const [hostile, benign] = await Promise.all([run(scenario, v), run(scenario, benignOutput(index))]);
            expect(benign.status).toBe('completed');
            if (scenario.server) {
              const prompted = (r: ChatRequestBody) =>
                !r.response_format && r.messages.at(-1)?.content?.includes('matches this JSON Schema');
              expect(hostile.requests.some(prompted)).toBe(true);
            }
            report.push({ index, findings: compare(hostile, benign, v), status: hostile.status });
          }),
        );
      }
      report.sort((a, b) => a.index - b.index);
      const failures = report.filter(
        ({ findings, status }) =>
          status !== 'completed' ||
          findings.outside > 0 ||
          findings.inSystem > 0 ||
          findings.problems.length > 0 ||
          !findings.reached ||
          findings.repairs !== scenario.repairs ||
          findings.paths.join() !== [...scenario.paths].sort().join(),
      );
      expect(
        failures.map(({ index, findings, status }) => ({
          output: HOSTILE_OUTPUTS[index]!.slice(0, 60),
          status,
          ...findings,
        })),
      ).toEqual([]);
      expect(report).toHaveLength(HOSTILE_OUTPUTS.length);
    });
  }
});
