// @baton/tools: tool sources from the server's configuration file (MCP servers, http_fetch), for the server, the
// workers and the command line alike. The engine stays free of the SDK's HTTP stacks: they live here.

export { createBuiltinTools } from './builtin-tools';
export { ToolsConfigError } from './config/config-error';
export {
  type FetchHostConfig,
  type HttpFetchConfig,
  type McpServerConfig,
  NO_TOOLS_CONFIG,
  parseToolsConfig,
  type ToolsConfig,
  ToolsConfigFile,
} from './config/tools-config';
export { type AddressPolicy, publicAddressesOnly } from './http-fetch/address-policy';
export type { Connector } from './http-fetch/connector';
export { HTTP_FETCH_NAME, type HttpFetchDeps, type Resolver } from './http-fetch/http-fetch';
export { McpUnreachableError } from './mcp/mcp-errors';
export { type McpAnnotations, type McpTool, McpToolSource } from './mcp/mcp-source';
export { createToolCatalog, type ToolCatalog, type ToolCatalogOptions } from './tool-catalog';
