// The SDK transport for one configured server: Streamable HTTP with the configured headers (and each call's trace
// context), or a child process over stdio started from the configuration's command, never a shell.
import { getDefaultEnvironment, StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { McpServerConfig } from '../config/tools-config';
import { fetchWithCallHeaders } from './call-headers';

export function createTransport(config: McpServerConfig): Transport {
  if (config.transport === 'http') {
    return new StreamableHTTPClientTransport(new URL(config.url), {
      requestInit: { headers: config.headers },
      fetch: fetchWithCallHeaders,
      // One attempt at the optional GET stream; calls are answered on their own POSTs.
      reconnectionOptions: {
        maxRetries: 0,
        initialReconnectionDelay: 1000,
        maxReconnectionDelay: 1000,
        reconnectionDelayGrowFactor: 1,
      },
    });
  }
  const transport = new StdioClientTransport({
    command: config.command,
    args: config.args,
    // The SDK's minimal environment (PATH, HOME...), not the server's: its secrets stay with it.
    env: { ...getDefaultEnvironment(), ...config.env },
    ...(config.cwd ? { cwd: config.cwd } : {}),
    stderr: 'pipe',
  });
  // A server's stderr is its own log: read and dropped, so that a chatty one never blocks on a full pipe.
  transport.stderr?.on('data', () => {});
  return transport;
}
