// Test helpers of @baton/tools: MCP servers built with the official SDK, and the address policy only tests may use.
export { type HttpMcpTestServer, startHttpMcpServer } from './http-mcp-server';
export { HOSTILE_TEXT, type ReceivedCall } from './test-tools';

/** The stdio test server's script, for a configured command: `node --import tsx <this>`. */
export const STDIO_MCP_SERVER_SCRIPT = new URL('./stdio-mcp-server.ts', import.meta.url).pathname;
export { allowLoopbackForTests } from './loopback-policy';
