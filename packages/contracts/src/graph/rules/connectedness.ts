// Connectedness: every output is reached from the input, and every agent is reached from the input and leads to an
// output. A node outside those paths would never run, or would spend model calls on work that reaches no result.
import type { GraphIssue } from '../issues';
import type { GraphNode } from '../nodes';
import { capitalize, type IndexedNode, nodeIssue, nodeLabel, type Rule, type RuleContext } from './context';

export const everyNodeIsConnected: Rule = (context) => {
  const entry = context.graph.nodes.find((node) => node.kind === 'input');
  const outputs = context.graph.nodes.filter((node) => node.kind === 'output');
  // Without an input or an output the structure rules have already said what to add; every node would be reported.
  if (!entry || outputs.length === 0) return [];
  const reached = closure([entry.id], reachSteps(context));
  const leading = closure(
    outputs.map((node) => node.id),
    leadSteps(context),
  );
  const issues: GraphIssue[] = [];
  context.graph.nodes.forEach((node, index) => {
    if (context.nodes.get(node.id)?.index !== index || node.kind === 'input' || peerMeshOf(context, node)) return;
    const at = { node, index };
    if (node.kind === 'output') {
      if (!reached.has(node.id)) issues.push(outputIssue(at, entry));
      return;
    }
    const issue = agentIssue(at, entry, reached.has(node.id), leading.has(node.id));
    if (issue) issues.push(issue);
  });
  return issues;
};

function outputIssue(at: IndexedNode, entry: GraphNode): GraphIssue {
  return nodeIssue(
    'unreachable',
    at,
    [],
    `${capitalize(nodeLabel(at.node))} is not reached from ${nodeLabel(entry)}: no edges lead to it, so a run would leave it empty. Connect the input, or an agent the input leads to, to it.`,
  );
}

function agentIssue(at: IndexedNode, entry: GraphNode, reached: boolean, leads: boolean): GraphIssue | undefined {
  const label = capitalize(nodeLabel(at.node));
  if (!reached && !leads) {
    return nodeIssue(
      'disconnected',
      at,
      [],
      `${label} is not connected to the run: nothing leads to it from ${nodeLabel(entry)}, and it leads to no output. Connect it between them, or remove it.`,
    );
  }
  if (!reached) {
    return nodeIssue(
      'unreachable',
      at,
      [],
      `${label} is not reached from ${nodeLabel(entry)}, so it would never run: connect an edge into it from the input or from an agent the input leads to.`,
    );
  }
  if (!leads) {
    return nodeIssue(
      'dead_end',
      at,
      [],
      `${label} leads to no output, so its work would reach no result: connect it to an output, or to an agent that leads to one.`,
    );
  }
  return undefined;
}

/** The mesh a specialist is a peer of: peers have no edges, they are reached and lead on through their mesh. */
function peerMeshOf(context: RuleContext, node: GraphNode): GraphNode | undefined {
  if (node.kind !== 'specialist' || node.parentId === undefined) return undefined;
  const parent = context.nodes.get(node.parentId)?.node;
  return parent?.kind === 'mesh' ? parent : undefined;
}

type Steps = Map<string, string[]>;

/** Where the work goes from each node: along every edge, and from a mesh into its peers. */
function reachSteps(context: RuleContext): Steps {
  const steps: Steps = new Map();
  for (const [source, edges] of context.outgoing) {
    for (const { edge } of edges) add(steps, source, edge.target);
  }
  for (const node of context.graph.nodes) {
    const mesh = peerMeshOf(context, node);
    if (mesh) add(steps, mesh.id, node.id);
  }
  return steps;
}

/**
 * Walked backwards from the outputs: who hands each node its result. A worker's result goes back to the
 * orchestrator that dispatched it (not the other way), and a peer's to its mesh.
 */
function leadSteps(context: RuleContext): Steps {
  const steps: Steps = new Map();
  for (const [target, edges] of context.incoming) {
    for (const { edge } of edges) {
      if (edge.kind === 'dispatch') add(steps, edge.source, target);
      else add(steps, target, edge.source);
    }
  }
  for (const node of context.graph.nodes) {
    const mesh = peerMeshOf(context, node);
    if (mesh) add(steps, mesh.id, node.id);
  }
  return steps;
}

function closure(start: string[], steps: Steps): Set<string> {
  const seen = new Set(start);
  const queue = [...start];
  for (let head = 0; head < queue.length; head++) {
    for (const next of steps.get(queue[head]!) ?? []) {
      if (seen.has(next)) continue;
      seen.add(next);
      queue.push(next);
    }
  }
  return seen;
}

function add(steps: Steps, from: string, to: string): void {
  const list = steps.get(from);
  if (list) list.push(to);
  else steps.set(from, [to]);
}
