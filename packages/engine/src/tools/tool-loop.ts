// The tool loop: a model call that may ask for tools, their results sent back, again, until the model answers or
// the agent's rounds run out. Every round's model call and every tool call is a step of its own.
import { DEFAULT_TOOL_ROUNDS, type JsonValue, type SpecialistNode } from '@baton/contracts';
import type { CompiledSchema } from '../contracts/schema';
import { NodeExecutionError } from '../errors';
import type { ChatMessage, ModelResponse, ToolCall, ToolDefinition } from '../model/provider';
import type { Action, ModelCallSpec, RunContext } from '../run/context';
import { prompt } from '../trust/wrap';
import type { ToolDescriptor, ToolSource } from './source';
import { runToolCall } from './tool-call';

/** A tool a graph names, found in its source before the run starts. */
export interface ResolvedTool {
  source: ToolSource;
  descriptor: ToolDescriptor;
  compiled: CompiledSchema;
}

/** An agent's tools for one call: what the model is told, and how each name the model may use is run. */
export interface AgentTools {
  definitions: ToolDefinition[];
  byName: Map<string, ResolvedTool>;
  maxRounds: number;
}

/** The agent's tools (resolved at the run's start, so this cannot miss one). */
export function agentTools(ctx: RunContext, node: SpecialistNode): AgentTools {
  const byName = new Map<string, ResolvedTool>();
  for (const ref of node.data.tools ?? []) {
    const tool = ctx.tools.get(`${ref.source}/${ref.name}`);
    if (tool) byName.set(tool.descriptor.name, tool);
  }
  return {
    definitions: [...byName.values()].map(({ descriptor }) => ({
      name: descriptor.name,
      description: descriptor.description,
      inputSchema: descriptor.inputSchema,
      sideEffects: descriptor.sideEffects,
    })),
    byName,
    maxRounds: node.data.maxToolRounds ?? DEFAULT_TOOL_ROUNDS,
  };
}

/** The step key of round `round` of a loop: `<node>/call:<round>` for a node's own call, `<key>/call:<round>` else. */
export function roundKey(stepKey: string, round: number): string {
  return stepKey.endsWith('/call') ? `${stepKey}:${round}` : `${stepKey}/call:${round}`;
}

/**
 * Runs `spec` as a tool loop when it has tools (else one plain model call). Returns the final reply and the
 * messages that led to it (the task, then each round's tool-calling turn and its results), for a repair to build on.
 */
export async function callWithTools(
  ctx: RunContext,
  parent: Action,
  spec: ModelCallSpec,
): Promise<{ response: ModelResponse; messages: ChatMessage[] }> {
  const tools = spec.tools;
  if (!tools || tools.definitions.length === 0) {
    return { response: await ctx.callModel(parent, { ...spec, tools: undefined }), messages: spec.messages };
  }
  const messages = [...spec.messages];
  const history: { calls: { name: string; arguments: JsonValue }[]; results: JsonValue[] }[] = [];
  let callNumber = 0;
  for (let round = 1; ; round++) {
    const key = roundKey(spec.stepKey, round);
    const response = await ctx.callModel(parent, {
      ...spec,
      stepKey: key,
      messages: [...messages],
      logical: round === 1 ? spec.logical : { ...(spec.logical as object), round, tools: history },
    });
    if (response.toolCalls.length === 0) return { response, messages };
    if (round >= tools.maxRounds) {
      throw new NodeExecutionError(
        'tool_rounds_exceeded',
        `${spec.agentName} still asked for tools after ${tools.maxRounds} rounds (its maxToolRounds), without answering.`,
      );
    }
    // The calls of one reply run in parallel; their results go back in the reply's order, not the finishing order.
    const ids = response.toolCalls.map(() => `call_${++callNumber}`);
    const outcomes = await Promise.all(
      response.toolCalls.map((call, index) =>
        runToolCall(ctx, parent, {
          agentId: spec.agentId,
          agentName: spec.agentName,
          stepKey: `${key}/tool:${index + 1}`,
          call,
          tool: tools.byName.get(call.name),
        }),
      ),
    );
    messages.push({
      role: 'assistant',
      content: prompt``,
      toolCalls: outcomes.map(
        (outcome, i): ToolCall => ({
          id: ids[i]!,
          name: outcome.name,
          arguments: outcome.argumentsText,
        }),
      ),
    });
    outcomes.forEach((outcome, i) => {
      messages.push({ role: 'tool', toolCallId: ids[i]!, content: outcome.content });
    });
    history.push({
      calls: outcomes.map((outcome) => ({ name: outcome.name, arguments: outcome.argumentsValue })),
      results: outcomes.map((outcome) => outcome.record),
    });
  }
}
