// The suite's two MCP servers, as playwright.config.ts writes them into the Baton server's BATON_CONFIG file and the
// tools specs name them: a live one (support/mcp-test-server.ts) and one nobody listens on. Their loopback ports are
// derived from the suite's own port, so two suites side by side (BATON_E2E_PORT) never share one.
export const MCP_LIVE_SOURCE = 'test-tools';
export const MCP_DEAD_SOURCE = 'offline';

export function mcpPorts(e2ePort: number): { live: number; dead: number } {
  return { live: e2ePort + 1000, dead: e2ePort + 2000 };
}

/** The configuration file's text: both servers, the dead one given a short connect timeout. */
export function batonConfigText(e2ePort: number): string {
  const { live, dead } = mcpPorts(e2ePort);
  return JSON.stringify({
    mcpServers: {
      [MCP_LIVE_SOURCE]: { url: `http://127.0.0.1:${live}/mcp` },
      [MCP_DEAD_SOURCE]: { url: `http://127.0.0.1:${dead}/mcp`, connectTimeoutMs: 2000 },
    },
  });
}
