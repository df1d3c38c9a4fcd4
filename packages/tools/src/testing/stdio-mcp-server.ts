// The test tools over stdio, as a configured command starts them: `node --import tsx stdio-mcp-server.ts`. Each call
// is appended as a JSON line to the file named by MCP_CALL_LOG, so that the test counts calls at the server.
import { appendFileSync } from 'node:fs';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { createTestMcpServer } from './test-tools';

const log = process.env.MCP_CALL_LOG;
const server = createTestMcpServer((call) => {
  if (log) appendFileSync(log, `${JSON.stringify(call)}\n`);
});
await server.connect(new StdioServerTransport());
