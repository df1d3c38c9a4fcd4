// The typed registry of node kinds: one executor per kind; a kind missing here is a compile error.
import type { GraphNode, NodeKind } from '@baton/contracts';
import type { Action, RunContext } from '../run/context';
import type { NodeInput } from '../run/prompts';
import { runInput } from './input';
import { runMesh } from './mesh';
import { runOrchestrator } from './orchestrator';
import { runOutput } from './output';
import { runReviewer } from './reviewer';
import { runRouter } from './router';
import { runSpecialist } from './specialist';
import type { NodeExecutor, NodeResult } from './types';

export const NODE_EXECUTORS: { readonly [K in NodeKind]: NodeExecutor<K> } = {
  input: runInput,
  output: runOutput,
  specialist: runSpecialist,
  orchestrator: runOrchestrator,
  router: runRouter,
  reviewer: runReviewer,
  mesh: runMesh,
};

/** Runs one activation of any node with the executor of its kind. */
export function executeNode(
  ctx: RunContext,
  node: GraphNode,
  action: Action,
  inputs: NodeInput[],
): Promise<NodeResult> {
  const executor = NODE_EXECUTORS[node.kind] as NodeExecutor<typeof node.kind>;
  return (
    executor as (a: { ctx: RunContext; node: GraphNode; action: Action; inputs: NodeInput[] }) => Promise<NodeResult>
  )({ ctx, node, action, inputs });
}
