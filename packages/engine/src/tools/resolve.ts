// Finds every tool the graph's agents name in the run's sources, before any node runs: a missing source or tool,
// or two tools of one agent with the same name, fails the run with a sentence and the node's JSON path.
// A source that cannot list its tools (an MCP server that does not answer) does not stop the run: its tools stand in
// as `unlisted`, and a call to one goes to the source, which fails it as a tool error the model sees (or, if the
// source came back, runs it; the source checks the arguments then).
import type { GraphDocument } from '@baton/contracts';
import { compileSchema } from '../contracts/schema';
import { NodeExecutionError } from '../errors';
import type { ToolDescriptor, ToolSource } from './source';
import type { ResolvedTool } from './tool-loop';

export async function resolveTools(
  graph: GraphDocument,
  sources: readonly ToolSource[],
  into: Map<string, ResolvedTool>,
): Promise<void> {
  const bySource = new Map(sources.map((source) => [source.name, source]));
  const listed = new Map<string, readonly ToolDescriptor[] | { unlisted: true }>();
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
        tools = await source.list().catch(() => ({ unlisted: true as const }));
        listed.set(ref.source, tools);
      }
      const descriptor = 'unlisted' in tools ? unlisted(ref) : tools.find((t) => t.name === ref.name);
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

/**
 * A tool of a source that did not list its tools: any object goes, and it may have side effects (nobody said not).
 * Why the source failed stays out of the description (it may hold the source's own text); the call's error says it.
 */
function unlisted(ref: { source: string; name: string }): ToolDescriptor {
  return {
    name: ref.name,
    description: `A tool of ${ref.source}, which could not list its tools when the run started.`,
    inputSchema: { type: 'object' },
    sideEffects: true,
  };
}
