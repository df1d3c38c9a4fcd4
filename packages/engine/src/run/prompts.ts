// The engine's own prompt text. Agent output enters prompts only through ctx.wrap (trust/wrap.ts), in user messages;
// what the engine derives from it (a parse error, a validation issue's path) is agent output too and goes there.
import type { JsonSchemaObject, JsonValue } from '@baton/contracts';
import type { ResponseFormat } from '../model/provider';
import { authored, type EngineText, joinPrompt, type PromptText, prompt } from '../trust/wrap';
import type { RunContext } from './context';

/** One payload a node received: labelled with its source's name, wrapped as data when it reaches a prompt. */
export interface NodeInput {
  sourceId: string;
  source: string;
  payload: JsonValue;
  /** The input node's payload when it is the goal itself, which the task already states. */
  isGoal: boolean;
}

export const PLAN_FORMAT_NAME = 'baton_plan';
export const MESH_TURN_FORMAT_NAME = 'baton_mesh_turn';
export const OUTPUT_FORMAT_NAME = 'baton_output';

// The sentences below are the ones a reader of a request recognises (run/infer-purpose.ts, which the simulated
// provider and the fake OpenAI server use): the nodes send them from here, so a change of wording is one change.

/** Opens the line that states the run's goal, first in every task. */
export const GOAL_LEAD = prompt`Goal:`;
/** Heads the `- name: description` list of an orchestrator's workers. */
export const WORKERS_HEADING = prompt`Available workers:`;
/** Heads the `- name: description` list of a router's categories. */
export const CATEGORIES_HEADING = prompt`Categories:`;
export const ROUTE_ASK = prompt`Reply with the name of exactly one category`;
export const REVIEW_ASK = prompt`If the draft is acceptable, reply with: APPROVED`;
export const SUBTASK_RESULTS_HEADING = prompt`Subtask results:`;
export const PEERS_FINAL_HEADING = prompt`The peers' final messages:`;
/** The sentence before a repair request's list of problems. */
export const REPAIR_PROBLEMS_LEAD = prompt`The problems found, one per line, each with where it is (a JSON path) and what is wrong:`;

/**
 * Asks for the JSON in a final user message, the schema on the next line: the openai adapter's fallback for a server
 * without structured output (JSON mode, or prompt and parse).
 */
export const SCHEMA_IN_PROMPT_ASK = prompt`Reply with one JSON value only (no prose, no code fence) that matches this JSON Schema:`;

export function reviewRound(round: number): EngineText {
  return prompt`Review round ${round}.`;
}
export const REVIEW_ROUND = /Review round (\d+)\./;

/** Opens a revision request; the round lets a reader tell the revisions of one draft apart. */
export function revisionLead(round: number): EngineText {
  return prompt`Your previous draft was not approved (revision ${round}).`;
}
export const REVISION_ROUND = /Your previous draft was not approved \(revision (\d+)\)\./;

export function meshTurnAsk(round: number, maxRounds: number): EngineText {
  return prompt`Round ${round} of at most ${maxRounds}. Reply with JSON {"message": "...", "agree": true|false}: agree is true when you accept where the group has arrived.`;
}
/** Stands in a `- name: description` line for an empty description. */
export const NO_DESCRIPTION = prompt`(no description)`;

export const MESH_TURN_ROUND = /Round (\d+) of at most \d+\. Reply with JSON \{"message"/;

/** How many problems a repair request lists, and how much of each: a reply cannot make its repair prompt huge. */
const MAX_PROBLEMS = 20;
const MAX_PROBLEM_CHARS = 300;

/** The user message that states the goal and hands over the inputs as data. */
export function taskMessage(ctx: RunContext, inputs: readonly NodeInput[], extra?: PromptText): PromptText {
  const parts: PromptText[] = [goalLine(ctx)];
  for (const input of inputs) if (!input.isGoal) parts.push(ctx.wrap(authored(input.source), input.payload));
  if (extra) parts.push(extra);
  return joinPrompt(parts, '\n\n');
}

export function goalLine(ctx: RunContext): EngineText {
  return prompt`${GOAL_LEAD} ${authored(ctx.goal)}`;
}

/** What the inputs mean for input hashes: source names and payloads, never wrapped text. */
export function logicalInputs(inputs: readonly NodeInput[]): { source: string; payload: JsonValue }[] {
  return inputs.map((input) => ({ source: input.source, payload: input.payload }));
}

/** A node's instructions (its author's) as its system message, or the engine's fallback when they are empty. */
export function systemMessage(instructions: string, fallback: EngineText): EngineText {
  return instructions.trim() ? authored(instructions.trim()) : fallback;
}

/** The engine's lead sentence for a role, then the author's instructions for it (if any) on the next line. */
export function withInstructions(lead: EngineText, instructions: string): EngineText {
  return instructions.trim() ? prompt`${lead}\n${authored(instructions.trim())}` : lead;
}

/** `You are <name>. <description>`: who an agent is when its author gave it no instructions. */
export function identity(name: string, description: string): EngineText {
  return description.trim()
    ? prompt`You are ${authored(name)}. ${authored(description.trim())}`
    : prompt`You are ${authored(name)}.`;
}

/** `- name: description` lines: an orchestrator's workers, a router's categories. */
export function nameList(items: readonly { name: string; description: string }[]): EngineText {
  return joinPrompt(
    items.map(
      ({ name, description }) => prompt`- ${authored(name)}: ${description ? authored(description) : NO_DESCRIPTION}`,
    ),
    '\n',
  );
}

export function formatFor(schema: JsonSchemaObject | undefined): ResponseFormat {
  return schema ? { type: 'json_schema', name: OUTPUT_FORMAT_NAME, schema } : { type: 'text' };
}

/**
 * A repair request: the reply that could not be used and what was wrong with it, both as data (the problems name
 * the reply's property names and quote its text), between the engine's own sentences.
 */
export function repairMessage(
  ctx: RunContext,
  parts: {
    agentName: string;
    /** What is repaired, after the agent's name: `previous reply`, `previous output`. */
    what: EngineText;
    /** Why it is asked again: `That reply could not be used.` */
    lead: EngineText;
    ask: EngineText;
    previous: JsonValue;
    problems: readonly string[];
  },
): PromptText {
  const who = authored(parts.agentName);
  const problems = parts.problems.slice(0, MAX_PROBLEMS).map(bounded);
  if (parts.problems.length > MAX_PROBLEMS) problems.push(`(and ${parts.problems.length - MAX_PROBLEMS} more)`);
  return joinPrompt(
    [
      ctx.wrap(prompt`${who} ${parts.what}`, parts.previous),
      prompt`${parts.lead} ${REPAIR_PROBLEMS_LEAD}`,
      ctx.wrap(prompt`the check of ${who} ${parts.what}`, problems.join('\n')),
      parts.ask,
    ],
    '\n',
  );
}

/** A problem cut short in its middle: its start says where (a path, perhaps a long name), its end what is wrong. */
function bounded(problem: string): string {
  if (problem.length <= MAX_PROBLEM_CHARS) return problem;
  const half = Math.floor((MAX_PROBLEM_CHARS - 5) / 2);
  return `${problem.slice(0, half)} ... ${problem.slice(-half)}`;
}
