// An MCP server over Streamable HTTP on 127.0.0.1, started by tests: the official SDK's server transport, one per
// session. It counts calls and sessions, keeps what each call brought (headers, `_meta`), and can forget every
// session (as a restarted server does) so that tests see the client connect again.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { createTestMcpServer, type ReceivedCall } from './test-tools';

export interface HttpMcpTestServer {
  url: string;
  calls: ReceivedCall[];
  /** Sessions started (`initialize` requests answered). */
  sessions(): number;
  /** Forgets every session: the next request with an old session id gets 404, as after a restart. */
  dropSessions(): Promise<void>;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : undefined;
}

export async function startHttpMcpServer(options: { port?: number } = {}): Promise<HttpMcpTestServer> {
  const calls: ReceivedCall[] = [];
  const transports = new Map<string, StreamableHTTPServerTransport>();
  let started = 0;
  const http: Server = createServer((req, res) => {
    void (async () => {
      try {
        const body = req.method === 'POST' ? await readBody(req) : undefined;
        const id = req.headers['mcp-session-id'];
        let transport = typeof id === 'string' ? transports.get(id) : undefined;
        if (!transport) {
          if (typeof id === 'string' || req.method !== 'POST') {
            res
              .writeHead(404, { 'content-type': 'application/json' })
              .end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32001, message: 'Session not found' }, id: null }));
            return;
          }
          const fresh: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
            sessionIdGenerator: () => randomUUID(),
            enableJsonResponse: true,
            onsessioninitialized: (sessionId) => {
              started++;
              transports.set(sessionId, fresh);
            },
          });
          transport = fresh;
          await createTestMcpServer((call) => calls.push(call)).connect(fresh);
        }
        await transport.handleRequest(req, res, body);
      } catch (error) {
        if (!res.headersSent) res.writeHead(500).end(String(error));
      }
    })();
  });
  await new Promise<void>((resolve) => http.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  const dropSessions = async () => {
    const open = [...transports.values()];
    transports.clear();
    await Promise.all(open.map((t) => t.close().catch(() => {})));
  };
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    calls,
    sessions: () => started,
    dropSessions,
    async close() {
      await dropSessions();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
