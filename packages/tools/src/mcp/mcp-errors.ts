// How an MCP request failed, in words for the trace and the model: the server unreachable (and why), or the server's
// own answer. Only failures where the request cannot have reached the server are safe to send again.
import { BatonError } from '@baton/contracts';
import { StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';

/** The server did not answer (connect, list or call): the tool call fails with this, the run goes on. */
export class McpUnreachableError extends BatonError {
  constructor(
    readonly server: string,
    readonly reason: string,
  ) {
    super('mcp_unreachable', `The MCP server "${server}" is unreachable: ${reason}.`);
  }
}

/** Socket errors that mean nothing was delivered. */
const NOT_DELIVERED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

const SOCKET_REASONS: Record<string, string> = {
  ECONNREFUSED: 'the connection was refused',
  ENOTFOUND: 'its host name does not resolve',
  EAI_AGAIN: 'its host name could not be resolved',
  EHOSTUNREACH: 'its host cannot be reached',
  ENETUNREACH: 'its network cannot be reached',
  ECONNRESET: 'the connection was reset',
  ENOENT: 'its command was not found',
  EACCES: 'its command may not be run',
  UND_ERR_SOCKET: 'the connection broke',
  UND_ERR_CONNECT_TIMEOUT: 'connecting timed out',
};

function socketCode(error: unknown): string | null {
  const seen = new Set<unknown>();
  let current = error as { code?: unknown; cause?: unknown } | undefined;
  while (current && typeof current === 'object' && !seen.has(current)) {
    seen.add(current);
    if (typeof current.code === 'string') return current.code;
    current = current.cause as typeof current;
  }
  return null;
}

export function isSafeToRetry(error: unknown): boolean {
  // 404 to a request with a session id: the server no longer has the session and ran nothing (the spec's words).
  if (error instanceof StreamableHTTPError) return error.code === 404;
  if (error instanceof Error && error.message === 'Not connected') return true;
  const code = socketCode(error);
  return code !== null && NOT_DELIVERED.has(code);
}

/**
 * `transport`: the failure is the connection's, not the server's answer (the session is dropped then). The reason is
 * Baton's own sentence: the server's error bodies stay out of it.
 */
export function describeFailure(error: unknown): { transport: boolean; reason: string } {
  if (error instanceof McpUnreachableError) return { transport: true, reason: error.reason };
  if (error instanceof StreamableHTTPError) {
    if (error.code === 404) return { transport: true, reason: 'it no longer knows the session' };
    if (error.code === 401 || error.code === 403) {
      return { transport: true, reason: `it refused the credentials (HTTP ${error.code})` };
    }
    return {
      transport: true,
      reason: error.code && error.code > 0 ? `it answered HTTP ${error.code}` : 'its answer was not MCP',
    };
  }
  if (error instanceof McpError) {
    if (error.code === ErrorCode.ConnectionClosed) return { transport: true, reason: 'the connection closed' };
    if (error.code === ErrorCode.RequestTimeout) return { transport: true, reason: 'it did not answer in time' };
    return { transport: false, reason: error.message };
  }
  if (error instanceof Error && error.message === 'Not connected') return { transport: true, reason: 'not connected' };
  const code = socketCode(error);
  if (code !== null && SOCKET_REASONS[code]) return { transport: true, reason: SOCKET_REASONS[code]! };
  if (error instanceof TypeError && /fetch failed/i.test(error.message)) {
    return { transport: true, reason: 'the connection failed' };
  }
  return { transport: false, reason: (error as Error)?.message ?? String(error) };
}
