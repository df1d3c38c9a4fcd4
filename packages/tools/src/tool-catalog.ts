// Every tool source a server (or a worker, or the command line) has, made from the configuration: the `builtin`
// source and one per configured MCP server, with what `GET /api/tools` shows of each and a way to end them.
import type { ToolInfo, ToolSourceInfo } from '@baton/contracts';
import type { ToolSource } from '@baton/engine';
import { createBuiltinTools } from './builtin-tools';
import type { ToolsConfig } from './config/tools-config';
import type { HttpFetchDeps } from './http-fetch/http-fetch';
import { describeFailure } from './mcp/mcp-errors';
import { McpToolSource } from './mcp/mcp-source';
import { isUsableToolName } from './usable-name';

export interface ToolCatalog {
  /** What runs are given (`RunGraphOptions.tools`). */
  readonly sources: readonly ToolSource[];
  /** Each source as it is now (the MCP servers asked; only those named, when `names` is given). */
  describe(names?: readonly string[]): Promise<ToolSourceInfo[]>;
  /** Ends every MCP session (stdio servers' processes with them). */
  close(): Promise<void>;
}

export interface ToolCatalogOptions {
  /** For tests only: http_fetch's resolver, address policy and connector. */
  httpFetch?: HttpFetchDeps;
  clientVersion?: string;
}

export function createToolCatalog(config: ToolsConfig, options: ToolCatalogOptions = {}): ToolCatalog {
  const builtin = createBuiltinTools(config.httpFetch, options.httpFetch);
  const servers = config.mcpServers.map((server) => new McpToolSource(server, options.clientVersion));
  return {
    sources: [builtin, ...servers],
    async describe(names) {
      const wanted = (name: string) => !names || names.includes(name);
      const infos: Promise<ToolSourceInfo>[] = [];
      if (wanted(builtin.name)) infos.push(describeBuiltin(builtin));
      for (const server of servers) if (wanted(server.name)) infos.push(describeServer(server));
      return Promise.all(infos);
    },
    async close() {
      await Promise.all(servers.map((server) => server.close()));
    },
  };
}

async function describeBuiltin(source: ToolSource): Promise<ToolSourceInfo> {
  const tools = (await source.list()).map(
    (tool): ToolInfo => ({ ...tool, sideEffectsFrom: 'builtin', usable: isUsableToolName(tool.name) }),
  );
  return { name: source.name, kind: 'builtin', reachable: true, error: null, allowTools: null, tools };
}

async function describeServer(server: McpToolSource): Promise<ToolSourceInfo> {
  const base = {
    name: server.name,
    kind: 'mcp' as const,
    transport: server.transport,
    allowTools: server.config.allowTools,
  };
  try {
    const tools = (await server.tools()).map(
      (tool): ToolInfo => ({
        name: tool.name,
        description: tool.description,
        inputSchema: tool.inputSchema,
        sideEffects: tool.sideEffects,
        sideEffectsFrom: tool.sideEffectsFrom,
        annotations: tool.annotations,
        usable: isUsableToolName(tool.name),
      }),
    );
    return { ...base, reachable: true, error: null, tools };
  } catch (error) {
    const { transport, reason } = describeFailure(error);
    const sentence = transport ? `It is unreachable: ${reason}.` : `It could not list its tools: ${reason}`;
    return { ...base, reachable: false, error: sentence, tools: [] };
  }
}
