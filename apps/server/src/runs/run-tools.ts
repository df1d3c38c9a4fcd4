// A run's tools must exist on this server: a graph naming a source or tool it does not have is refused at start
// (400, naming the node and the tool), before a version is pinned or a run stored.
import { type GraphDocument, missingToolIssues, type ToolSourceInfo } from '@baton/contracts';
import { InvalidRequestError } from '../errors';

/** What the run service asks of the tool catalog: the named sources, as they are now. */
export interface ToolDirectory {
  describe(names: readonly string[]): Promise<ToolSourceInfo[]>;
}

export async function checkRunTools(graph: GraphDocument, tools: ToolDirectory): Promise<void> {
  const named = new Set<string>();
  for (const node of graph.nodes) {
    if (node.kind === 'specialist') for (const ref of node.data.tools ?? []) named.add(ref.source);
  }
  if (named.size === 0) return;
  const issues = missingToolIssues(graph, await tools.describe([...named]));
  if (issues.length > 0) {
    const more = issues.length > 1 ? ` (${issues.length - 1} more in the issues)` : '';
    throw new InvalidRequestError(`${issues[0]!.message}${more}`, issues, 'tool_unknown');
  }
}
