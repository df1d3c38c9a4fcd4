// Where the crash harness kills the server: the k-th request of a step, as the fake OpenAI server sees it (or the
// moment a run waits for a person). Twenty points over every pattern; the short form takes a few of them.
import type { GraphDocumentInput } from '@baton/contracts';
import { escalatingGraph, example } from './graphs';

export interface RequestSeen {
  purpose: string;
  agent: string | null;
  round: number | null;
}

export interface KillPoint {
  name: string;
  graph: GraphDocumentInput;
  goal: string;
  /** Kill when the `nth` request that `match` accepts arrives (its reply held), or when the run first waits. */
  when: { match: (request: RequestSeen) => boolean; nth: number } | 'waiting';
  /** How many times the server is killed at that point before it may finish (a second kill at the same point). */
  kills?: number;
}

const research = example('research-and-write');
const review = example('peer-review');
const routing = example('specialist-routing');
const mesh = example('peer-mesh');
const escalation = escalatingGraph();

const is =
  (purpose: string, agent?: string, round?: number) =>
  (r: RequestSeen): boolean =>
    r.purpose === purpose && (agent === undefined || r.agent === agent) && (round === undefined || r.round === round);

export const KILL_POINTS: KillPoint[] = [
  // Orchestrator and workers.
  { name: 'during the decomposition', graph: research, goal: 'tide pools', when: { match: is('decompose'), nth: 1 } },
  {
    name: 'first worker call of the fan-out',
    graph: research,
    goal: 'tide pools',
    when: { match: is('specialist', 'research'), nth: 1 },
  },
  {
    name: 'mid fan-out (second research subtask)',
    graph: research,
    goal: 'tide pools',
    when: { match: is('specialist', 'research'), nth: 2 },
  },
  {
    name: 'the dependent writer subtask',
    graph: research,
    goal: 'tide pools',
    when: { match: is('specialist', 'writer'), nth: 1 },
  },
  { name: 'during the synthesis', graph: research, goal: 'tide pools', when: { match: is('synthesis'), nth: 1 } },
  // Review loop.
  { name: 'the first draft', graph: review, goal: 'a haiku about rain', when: { match: is('specialist'), nth: 1 } },
  {
    name: 'during the first review',
    graph: review,
    goal: 'a haiku about rain',
    when: { match: is('review', undefined, 1), nth: 1 },
  },
  { name: 'during the revision', graph: review, goal: 'a haiku about rain', when: { match: is('revision'), nth: 1 } },
  {
    name: 'during the second review',
    graph: review,
    goal: 'a haiku about rain',
    when: { match: is('review', undefined, 2), nth: 1 },
  },
  // Routing.
  {
    name: 'while routing',
    graph: routing,
    goal: 'review this python code for bugs',
    when: { match: is('route'), nth: 1 },
  },
  {
    name: 'in the routed specialist',
    graph: routing,
    goal: 'review this python code for bugs',
    when: { match: is('specialist'), nth: 1 },
  },
  // Mesh.
  {
    name: 'first peer of round 1',
    graph: mesh,
    goal: 'should we adopt a four-day week',
    when: { match: is('mesh_turn', undefined, 1), nth: 1 },
  },
  {
    name: 'mid mesh round 1 (third peer)',
    graph: mesh,
    goal: 'should we adopt a four-day week',
    when: { match: is('mesh_turn', undefined, 1), nth: 3 },
  },
  {
    name: 'mid mesh round 2',
    graph: mesh,
    goal: 'should we adopt a four-day week',
    when: { match: is('mesh_turn', undefined, 2), nth: 2 },
  },
  {
    name: 'during the mesh synthesis',
    graph: mesh,
    goal: 'should we adopt a four-day week',
    when: { match: is('synthesis'), nth: 1 },
  },
  // A person in the loop.
  {
    name: 'before the escalation is asked',
    graph: escalation,
    goal: 'the tides',
    when: { match: is('specialist', 'analyst'), nth: 1 },
  },
  { name: 'while waiting for a person', graph: escalation, goal: 'the tides', when: 'waiting' },
  { name: 'while waiting for a person, twice', graph: escalation, goal: 'the tides', when: 'waiting', kills: 2 },
  {
    name: 'after the decision, in the next agent',
    graph: escalation,
    goal: 'the tides',
    when: { match: is('specialist', 'writer'), nth: 1 },
  },
  // Twice at the same step: the repeated call is killed again.
  {
    name: 'the same research call, twice',
    graph: research,
    goal: 'tide pools',
    when: { match: is('specialist', 'research'), nth: 1 },
    kills: 2,
  },
];

/** The short form in `npm test`: one point per pattern that matters most, a few kills in all. */
export const SHORT_KILL_POINTS = [
  'mid fan-out (second research subtask)',
  'during the revision',
  'mid mesh round 2',
  'while waiting for a person',
].map((name) => KILL_POINTS.find((p) => p.name === name)!);
