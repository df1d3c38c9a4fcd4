// The e2e suite's live MCP server: Baton's test tools (echo, add, wipe...) over Streamable HTTP, built with the
// official SDK, on the loopback port the Playwright config gives it (MCP_TEST_PORT). Playwright starts it as a
// webServer before Baton and stops it after the suite; the Baton server reaches it through its BATON_CONFIG file.
import { startHttpMcpServer } from '@baton/tools/testing';

const port = Number(process.env.MCP_TEST_PORT);
if (!Number.isInteger(port) || port <= 0) throw new Error('MCP_TEST_PORT must name the port to listen on.');
const server = await startHttpMcpServer({ port });
console.log(`MCP test server at ${server.url}`);

const stop = () => {
  void server.close().finally(() => process.exit(0));
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
