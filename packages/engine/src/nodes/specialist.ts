// One agent: its instructions are the system message, the goal and its inputs (as data) the user message.
import type { SpecialistNode } from '@baton/contracts';
import type { Producer, RunContext } from '../run/context';
import { identity, logicalInputs, systemMessage, taskMessage } from '../run/prompts';
import { outputSchemaOf } from '../run/topology';
import { agentTools } from '../tools/tool-loop';
import type { PromptText } from '../trust/wrap';
import { produce } from './agent-call';
import type { NodeExecutor } from './types';

export const runSpecialist: NodeExecutor<'specialist'> = async ({ ctx, node, action, inputs }) => {
  const producer = specialistProducer(ctx, node, taskMessage(ctx, inputs), `${node.id}/call`, {
    inputs: logicalInputs(inputs),
  });
  ctx.producers.set(node.id, producer);
  return { output: await produce(ctx, action, producer) };
};

/** How a specialist is asked for its output; shared by top-level specialists, workers, peers and revisions. */
export function specialistProducer(
  ctx: RunContext,
  node: SpecialistNode,
  task: PromptText,
  stepKey: string,
  logicalTask: unknown,
): Producer {
  const output = outputSchemaOf(node, ctx.topology);
  const system = systemMessage(node.data.instructions, identity(node.data.name, node.data.description));
  return {
    agentId: node.id,
    agentName: node.data.name,
    tier: node.data.tier,
    messages: [
      { role: 'system', content: system },
      { role: 'user', content: task },
    ],
    ...output,
    ...(node.data.tools?.length ? { tools: agentTools(ctx, node) } : {}),
    stepKey,
    logical: {
      instructions: system.text,
      goal: ctx.goal,
      task: logicalTask,
      schema: output.schema ?? null,
    },
  };
}
