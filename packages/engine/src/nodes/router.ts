// Classifies its task (fast tier) into exactly one route; the chosen target gets the router's input unchanged.
import type { RouteEdge } from '@baton/contracts';
import { NodeExecutionError } from '../errors';
import { CATEGORIES_HEADING, logicalInputs, nameList, ROUTE_ASK, taskMessage, withInstructions } from '../run/prompts';
import { prompt } from '../trust/wrap';
import type { NodeExecutor } from './types';

export const runRouter: NodeExecutor<'router'> = async ({ ctx, node, action, inputs }) => {
  const routes = (ctx.topology.outgoing.get(node.id) ?? []).filter((e): e is RouteEdge => e.kind === 'route');
  const categories = routes.map((edge) => {
    const target = ctx.topology.nodes.get(edge.target)!;
    return { name: target.data.name, description: target.data.description, edge };
  });
  const list = nameList(categories);
  const system = withInstructions(
    prompt`You are a router. Classify the task into exactly one category.`,
    node.data.instructions,
  );
  const routeAction = await ctx.start({
    parent: action,
    agentId: node.id,
    agentName: node.data.name,
    actionType: 'route',
    logical: { categories: categories.map((c) => c.name), inputs: logicalInputs(inputs) },
    summary: `Choosing one of: ${categories.map((c) => c.name).join(', ')}`,
  });
  try {
    const reply = await ctx.callModel(routeAction, {
      agentId: node.id,
      agentName: node.data.name,
      stepKey: `${node.id}/route`,
      tier: 'fast',
      messages: [
        { role: 'system', content: system },
        {
          role: 'user',
          content: taskMessage(ctx, inputs, prompt`${CATEGORIES_HEADING}\n${list}\n\n${ROUTE_ASK}, and nothing else.`),
        },
      ],
      responseFormat: { type: 'text' },
      logical: { system: system.text, goal: ctx.goal, inputs: logicalInputs(inputs), categories: list.text },
    });
    const chosen =
      matchCategory(reply.text, categories) ?? categories.find((c) => c.edge.fallback === true) ?? undefined;
    if (!chosen) {
      throw new NodeExecutionError(
        'route_unknown',
        `Router "${node.data.name}" answered "${reply.text.trim().slice(0, 100)}", which is none of its routes (${categories.map((c) => c.name).join(', ')}), and it has no fallback route.`,
      );
    }
    const matched = matchCategory(reply.text, categories) !== undefined;
    await ctx.complete(routeAction, {
      chosen: chosen.name,
      edgeId: chosen.edge.id,
      answer: reply.text,
      fallback: !matched,
    });
    return { output: { route: chosen.name }, routeEdgeId: chosen.edge.id, forward: inputs };
  } catch (error) {
    await ctx.fail(routeAction, error);
    throw error;
  }
};

/** Lenient matching: case, spaces, hyphens, quotes and punctuation around the answer do not matter. */
export function matchCategory<T extends { name: string }>(answer: string, categories: readonly T[]): T | undefined {
  const normal = normalise(answer);
  const exact = categories.find((c) => normalise(c.name) === normal);
  if (exact) return exact;
  const words = new Set(normal.split('_'));
  const mentioned = categories.filter((c) => normal.includes(normalise(c.name)) || words.has(normalise(c.name)));
  return mentioned.length === 1 ? mentioned[0] : undefined;
}

function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/^\s*(category|answer)\s*:\s*/, '')
    .replace(/["'`*.!,;:()[\]{}<>]/g, ' ')
    .trim()
    .replace(/[\s-]+/g, '_');
}
