// What `GET /api/tools` answers: every tool source this server has (the built-ins and each configured MCP server),
// whether it answers and why not, and its allowed tools with what the editor needs to offer them. Never a URL, a
// command or a credential: those stay in the server's configuration file.
import { z } from 'zod';
import type { ApiIssue } from './api';
import type { GraphDocument } from './graph/graph';
import { formatJsonPath } from './graph/issues';
import { JsonSchemaObject } from './json';

export const ToolAnnotations = z.object({
  title: z.string().optional(),
  readOnlyHint: z.boolean().optional(),
  destructiveHint: z.boolean().optional(),
  idempotentHint: z.boolean().optional(),
  openWorldHint: z.boolean().optional(),
});
export type ToolAnnotations = z.infer<typeof ToolAnnotations>;

export const ToolInfo = z.strictObject({
  name: z.string(),
  description: z.string(),
  inputSchema: JsonSchemaObject,
  /** May change something outside the run (then the simulator makes up no arguments; approval may be asked). */
  sideEffects: z.boolean(),
  /** Where the mark came from: a built-in's own, the MCP server's annotations, or the configuration file. */
  sideEffectsFrom: z.enum(['builtin', 'annotations', 'configuration']),
  /** The MCP annotations as the server gave them (none for built-ins). */
  annotations: ToolAnnotations.optional(),
  /** False for a tool whose name a graph cannot use (outside letters, digits, _ and -, or over 64 characters). */
  usable: z.boolean(),
});
export type ToolInfo = z.infer<typeof ToolInfo>;

export const ToolSourceInfo = z.strictObject({
  /** What a graph's tool names as its `source`. */
  name: z.string(),
  kind: z.enum(['builtin', 'mcp']),
  /** How an MCP server is reached (never where). */
  transport: z.enum(['http', 'stdio']).optional(),
  reachable: z.boolean(),
  /** Why it is not, in a sentence; null when it is. */
  error: z.string().nullable(),
  /** The configuration's allowlist of tool names, or null when every tool the server lists is allowed. */
  allowTools: z.array(z.string()).nullable(),
  /** Its allowed tools, as it listed them now (empty when it is unreachable). */
  tools: z.array(ToolInfo),
});
export type ToolSourceInfo = z.infer<typeof ToolSourceInfo>;

export const ToolsResponse = z.strictObject({ sources: z.array(ToolSourceInfo) });
export type ToolsResponse = z.infer<typeof ToolsResponse>;

/**
 * The tools a graph names that this server does not have: a source it lacks, or a tool a source does not list (or
 * its allowlist leaves out). A source that does not answer cannot say what it lacks: its tools pass, and calls to
 * them fail at run time as tool errors the model sees.
 */
export function missingToolIssues(graph: GraphDocument, sources: readonly ToolSourceInfo[]): ApiIssue[] {
  const byName = new Map(sources.map((source) => [source.name, source]));
  const issues: ApiIssue[] = [];
  graph.nodes.forEach((node, n) => {
    if (node.kind !== 'specialist') return;
    node.data.tools?.forEach((ref, t) => {
      const path = formatJsonPath(['nodes', n, 'data', 'tools', t]);
      const source = byName.get(ref.source);
      const agent = node.data.name;
      if (!source) {
        issues.push({
          path,
          message: `${agent} names the tool source "${ref.source}", which this server does not have.`,
        });
        return;
      }
      const known = source.reachable
        ? source.tools.some((tool) => tool.name === ref.name && tool.usable)
        : source.allowTools === null || source.allowTools.includes(ref.name);
      if (!known) {
        issues.push({
          path,
          message: `${agent} names the tool "${ref.name}", which the source "${ref.source}" does not have.`,
        });
      }
    });
  });
  return issues;
}
