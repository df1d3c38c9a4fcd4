// What every node kind's executor is given and returns; the registry maps each kind to one executor.
import type { JsonValue, NodeKind, NodeOfKind } from '@baton/contracts';
import type { Action, RunContext } from '../run/context';
import type { NodeInput } from '../run/prompts';

export interface NodeActivation<K extends NodeKind> {
  ctx: RunContext;
  node: NodeOfKind<K>;
  /** The node's activation action: every other action of the node is under it. */
  action: Action;
  inputs: NodeInput[];
}

export interface NodeResult {
  output: JsonValue;
  /** A router's choice: only this route edge carries on; the others are skipped. */
  routeEdgeId?: string;
  /** What a route edge carries: the router's inputs, unchanged. */
  forward?: NodeInput[];
}

export type NodeExecutor<K extends NodeKind> = (activation: NodeActivation<K>) => Promise<NodeResult>;
