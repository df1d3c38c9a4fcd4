// The engine's own prompt text. Agent output enters prompts only through ctx.wrap (trust/wrap.ts), in user messages.
import type { JsonSchemaObject, JsonValue } from '@baton/contracts';
import type { ResponseFormat } from '../model/provider';
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
export const ROUTE_MARKER = 'Reply with the name of exactly one category';
export const REVIEW_MARKER = 'If the draft is acceptable, reply with: APPROVED';

/** The user message that states the goal and hands over the inputs as data. */
export function taskMessage(ctx: RunContext, inputs: readonly NodeInput[], extra = ''): string {
  const parts = [`Goal: ${ctx.goal}`];
  for (const input of inputs) if (!input.isGoal) parts.push(ctx.wrap(input.source, input.payload));
  if (extra) parts.push(extra);
  return parts.join('\n\n');
}

/** What the inputs mean for input hashes: source names and payloads, never wrapped text. */
export function logicalInputs(inputs: readonly NodeInput[]): { source: string; payload: JsonValue }[] {
  return inputs.map((input) => ({ source: input.source, payload: input.payload }));
}

export function systemMessage(instructions: string, fallback: string): string {
  return instructions.trim() || fallback;
}

export function formatFor(schema: JsonSchemaObject | undefined): ResponseFormat {
  return schema ? { type: 'json_schema', name: OUTPUT_FORMAT_NAME, schema } : { type: 'text' };
}
