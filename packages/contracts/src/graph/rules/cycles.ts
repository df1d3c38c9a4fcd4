// No cycles: edges form an acyclic graph (the loops of review and mesh live inside those nodes, never drawn).
import type { GraphIssue } from '../issues';
import { edgeIssue, type IndexedEdge, type Rule, type RuleContext } from './context';

/** One issue per loop (strongly connected component), naming its nodes in order, on the edge that closes it. */
export const noCycles: Rule = (context) => {
  const issues: GraphIssue[] = [];
  for (const component of stronglyConnected(context)) {
    const cycle = findCycle(component, context);
    if (!cycle) continue;
    const names = cycle.map((step) => `"${context.nodes.get(step.edge.source)!.node.data.name}"`);
    names.push(names[0]!);
    const closing = cycle.at(-1)!;
    issues.push(
      edgeIssue(
        'cycle',
        closing,
        [],
        `These nodes form a loop: ${names.join(' -> ')}. Edges must not loop; revisions and debates loop inside reviewer and mesh nodes.`,
        closing.edge.target,
      ),
    );
  }
  return issues;
};

/** Tarjan's algorithm with an explicit stack, so a long chain of nodes cannot overflow the call stack. */
function stronglyConnected({ graph, outgoing }: RuleContext): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;
  for (const { id: root } of graph.nodes) {
    if (index.has(root)) continue;
    const work: { id: string; next: number }[] = [{ id: root, next: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work.at(-1)!;
      const edges = outgoing.get(frame.id) ?? [];
      if (frame.next < edges.length) {
        const target = edges[frame.next++]!.edge.target;
        if (!index.has(target)) {
          index.set(target, counter);
          low.set(target, counter++);
          stack.push(target);
          onStack.add(target);
          work.push({ id: target, next: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.id, Math.min(low.get(frame.id)!, index.get(target)!));
        }
        continue;
      }
      work.pop();
      const parent = work.at(-1);
      if (parent) low.set(parent.id, Math.min(low.get(parent.id)!, low.get(frame.id)!));
      if (low.get(frame.id) === index.get(frame.id)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.id);
        components.push(component);
      }
    }
  }
  return components;
}

/** The shortest loop through the component's first node in document order, as the edges that make it. */
function findCycle(component: string[], context: RuleContext): IndexedEdge[] | undefined {
  const members = new Set(component);
  const start = component.reduce((a, b) => (context.nodes.get(a)!.index <= context.nodes.get(b)!.index ? a : b));
  const via = new Map<string, IndexedEdge>();
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    const id = queue[head]!;
    for (const step of context.outgoing.get(id) ?? []) {
      const target = step.edge.target;
      if (!members.has(target)) continue;
      if (target === start) {
        const path = [step];
        for (let at = id; at !== start; at = via.get(at)!.edge.source) path.unshift(via.get(at)!);
        return path;
      }
      if (!via.has(target)) {
        via.set(target, step);
        queue.push(target);
      }
    }
  }
  return undefined;
}
