// Peers answer in rounds, each seeing the others' last messages (as data), until all agree or maxRounds; then the
// mesh synthesises the final round.

import type { JsonSchemaObject, JsonValue } from '@baton/contracts';
import type { Action, Check, Producer } from '../run/context';
import {
  goalLine,
  identity,
  logicalInputs,
  MESH_TURN_FORMAT_NAME,
  meshTurnAsk,
  PEERS_FINAL_HEADING,
  systemMessage,
  taskMessage,
  withInstructions,
} from '../run/prompts';
import { outputSchemaOf } from '../run/topology';
import { agentTools } from '../tools/tool-loop';
import { authored, joinPrompt, prompt } from '../trust/wrap';
import { produce } from './agent-call';
import type { NodeExecutor } from './types';

interface Turn {
  message: string;
  agree: boolean;
}

const TURN_SCHEMA: JsonSchemaObject = {
  type: 'object',
  properties: { message: { type: 'string' }, agree: { type: 'boolean' } },
  required: ['message', 'agree'],
  additionalProperties: false,
};

export const runMesh: NodeExecutor<'mesh'> = async ({ ctx, node, action, inputs }) => {
  const peers = ctx.topology.peersOf.get(node.id) ?? [];
  let last = new Map<string, Turn>();
  for (let round = 1; round <= node.data.maxRounds; round++) {
    const roundAction = await ctx.start({
      parent: action,
      agentId: node.id,
      agentName: node.data.name,
      actionType: 'mesh_round',
      logical: { round, last: [...last.entries()] },
      summary: `Round ${round}`,
    });
    try {
      const previous = last;
      const turns = await Promise.all(
        peers.map(async (peer): Promise<[string, Turn]> => {
          const others = peers
            .filter((other) => other.id !== peer.id && previous.has(other.data.name))
            .map((other) => ctx.wrap(authored(other.data.name), previous.get(other.data.name)!.message));
          const system = systemMessage(peer.data.instructions, identity(peer.data.name, peer.data.description));
          const ask = meshTurnAsk(round, node.data.maxRounds);
          const extra = others.length
            ? joinPrompt([prompt`The other peers' last messages:`, ...others, ask], '\n\n')
            : ask;
          const turn = await ctx.structuredCall(
            roundAction as Action,
            {
              agentId: peer.id,
              agentName: peer.data.name,
              stepKey: `${node.id}/round:${round}/${peer.id}`,
              tier: peer.data.tier,
              messages: [
                { role: 'system', content: system },
                { role: 'user', content: taskMessage(ctx, inputs, extra) },
              ],
              responseFormat: { type: 'json_schema', name: MESH_TURN_FORMAT_NAME, schema: TURN_SCHEMA },
              ...(peer.data.tools?.length ? { tools: agentTools(ctx, peer) } : {}),
              logical: {
                system: system.text,
                goal: ctx.goal,
                inputs: logicalInputs(inputs),
                round,
                others: [...previous.entries()],
              },
            },
            (value): Check<Turn> => {
              const v = value as Partial<Turn> | null;
              if (v && typeof v.message === 'string' && typeof v.agree === 'boolean') {
                return { ok: true, value: { message: v.message, agree: v.agree } };
              }
              return { ok: false, errors: ['Expected {"message": string, "agree": boolean}.'] };
            },
          );
          return [peer.data.name, turn];
        }),
      );
      last = new Map(turns);
      const allAgree = turns.every(([, turn]) => turn.agree);
      await ctx.complete(roundAction, { round, allAgree, turns: Object.fromEntries(turns) as unknown as JsonValue });
      if (allAgree) break;
    } catch (error) {
      await ctx.fail(roundAction, error);
      throw error;
    }
  }
  const synthesis = await ctx.start({
    parent: action,
    agentId: node.id,
    agentName: node.data.name,
    actionType: 'synthesis',
    logical: { final: [...last.entries()] },
    summary: 'Synthesising the final round',
  });
  try {
    const system = withInstructions(
      prompt`You are ${authored(node.data.name)}. Synthesise the peers' final messages into one response to the goal.`,
      node.data.instructions,
    );
    const finalRound = [...last.entries()].map(([peerName, turn]) => ctx.wrap(authored(peerName), turn.message));
    const producer = {
      agentId: node.id,
      agentName: node.data.name,
      tier: node.data.tier,
      messages: [
        { role: 'system' as const, content: system },
        {
          role: 'user' as const,
          content: joinPrompt([goalLine(ctx), PEERS_FINAL_HEADING, ...finalRound], '\n\n'),
        },
      ],
      ...outputSchemaOf(node, ctx.topology),
      stepKey: `${node.id}/synthesis`,
      logical: { system: system.text, goal: ctx.goal, final: [...last.entries()] },
    } satisfies Producer;
    ctx.producers.set(node.id, producer);
    const output = await produce(ctx, synthesis, producer);
    await ctx.complete(synthesis, output);
    return { output };
  } catch (error) {
    await ctx.fail(synthesis, error);
    throw error;
  }
};
