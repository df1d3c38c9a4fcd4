// Finds every tool the graph's agents name in the run's sources, before any node runs: a missing source or tool,
// or two tools of one agent with the same name, fails the run with a sentence and the node's JSON path.
import type { GraphDocument } from '@baton/contracts';
import { compileSchema } from '../contracts/schema';
import { NodeExecutionError } from '../errors';
import type { ToolSource } from './source';
import type { ResolvedTool } from './tool-loop';

export async function resolveTools(
  graph: GraphDocument,
  sources: readonly ToolSource[],
  into: Map<string, ResolvedTool>,
): Promise<void> {
  const bySource = new Map(sources.map((source) => [source.name, source]));
  const listed = new Map<string, Awaited<ReturnType<ToolSource['list']>>>();
  for (const node of graph.nodes) {
    if (node.kind !== 'specialist' || !node.data.tools?.length) continue;
    const names = new Set<string>();
    for (const ref of node.data.tools) {
      const source = bySource.get(ref.source);
      if (!source) {
        throw new NodeExecutionError(
          'tool_source_unknown',
          `${node.data.name} names the tool source "${ref.source}", which this server does not have.`,
        );
      }
      let tools = listed.get(ref.source);
      if (!tools) {
        tools = await source.list();
        listed.set(ref.source, tools);
      }
      const descriptor = tools.find((tool) => tool.name === ref.name);
      if (!descriptor) {
        throw new NodeExecutionError(
          'tool_unknown',
          `${node.data.name} names the tool "${ref.name}", which the source "${ref.source}" does not have.`,
        );
      }
      if (names.has(ref.name)) {
        throw new NodeExecutionError('tool_name_taken', `${node.data.name} has two tools named "${ref.name}".`);
      }
      names.add(ref.name);
      into.set(`${ref.source}/${ref.name}`, { source, descriptor, compiled: compileSchema(descriptor.inputSchema) });
    }
  }
}
