// What the server's tool tests stand on: a real MCP server over Streamable HTTP and one over stdio (both built with
// the SDK's server classes), a dead one, a local HTTP server for http_fetch, the fake OpenAI server, and a Baton
// server with the real engine reading a real configuration file's text. Everything on 127.0.0.1, all closed after.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { GraphDocument, GraphRecord, ToolRef } from '@baton/contracts';
import * as engine from '@baton/engine';
import { type FakeOpenAIServer, loadExample, startFakeOpenAIServer } from '@baton/engine/testing';
import { createToolCatalog, parseToolsConfig, type ToolsConfig } from '@baton/tools';
import {
  allowLoopbackForTests,
  type HttpMcpTestServer,
  type ReceivedCall,
  STDIO_MCP_SERVER_SCRIPT,
  startHttpMcpServer,
} from '@baton/tools/testing';
import { type TestServer, testServer } from '../../test/harness';
import type { OtelConfig } from '../config';
import type { ModelProvider } from '../runs/engine-port';

export const MCP_TOKEN = 'mcp-token-4f9a2c71d3';
export const STDIO_SECRET = 'stdio-secret-88b1e0';
export const FETCH_CREDENTIAL = 'fetch-credential-5d2e97';
/** `${NAME}`: how the configuration file names an environment variable. */
const envRef = (name: string) => `\${${name}}`;
const TOOLS_DIR = path.resolve(path.dirname(STDIO_MCP_SERVER_SCRIPT), '../..');

export interface ToolWorld {
  web: HttpMcpTestServer;
  fake: FakeOpenAIServer;
  server: TestServer;
  config: ToolsConfig;
  fetchPort: number;
  /** The calls the stdio server received, read from its log. */
  stdioCalls(): ReceivedCall[];
  /** A graph whose one agent has these tools, stored through the API. */
  graphWith(tools: ToolRef[]): Promise<GraphRecord>;
  /** Another Baton server on the same data directory (after `server.close()`), as a restarted process. */
  restart(): TestServer;
  close(): Promise<void>;
}

export async function startToolWorld(
  options: { otel?: OtelConfig; provider?: ModelProvider } = {},
): Promise<ToolWorld> {
  const dir = mkdtempSync(path.join(tmpdir(), 'baton-tools-'));
  const log = path.join(dir, 'stdio-calls.jsonl');
  const web = await startHttpMcpServer();
  const dead = await startHttpMcpServer();
  const deadUrl = dead.url;
  await dead.close();
  const fetchServer = await startEchoServer();
  const fetchPort = (fetchServer.address() as AddressInfo).port;
  const fake = await startFakeOpenAIServer();
  // The file as a person writes it: credentials as ${VARIABLES} from the environment.
  const file = JSON.stringify({
    mcpServers: {
      web: { url: web.url, headers: { authorization: `Bearer ${envRef('MCP_TOKEN')}` } },
      local: {
        command: process.execPath,
        args: ['--import', 'tsx', STDIO_MCP_SERVER_SCRIPT],
        env: { MCP_CALL_LOG: log, MCP_TEST_SECRET: envRef('STDIO_SECRET') },
        cwd: TOOLS_DIR,
        connectTimeoutMs: 20_000,
      },
      dead: { url: deadUrl, connectTimeoutMs: 1_000 },
    },
    httpFetch: {
      allowedHosts: [
        { host: `fetch.test:${fetchPort}`, headers: { authorization: `Bearer ${envRef('FETCH_CREDENTIAL')}` } },
      ],
    },
  });
  const config = parseToolsConfig(file, 'baton.config.json', {
    MCP_TOKEN,
    STDIO_SECRET,
    FETCH_CREDENTIAL,
  });
  const provider =
    options.provider ??
    engine.createOpenAIProvider({
      apiKey: 'sk-test-key-for-the-fake',
      baseURL: fake.baseURL,
      models: { fast: 'f', balanced: 'b', deep: 'd' },
    });
  const secrets = ['sk-test-key-for-the-fake', ...config.secrets];
  const catalog = () =>
    createToolCatalog(config, {
      // The test-only policy and a resolver that knows fetch.test: http_fetch reaches only the local server.
      httpFetch: {
        policy: allowLoopbackForTests,
        resolve: async (host) => (host === 'fetch.test' ? [{ address: '127.0.0.1', family: 4 }] : []),
      },
    });
  const open: TestServer[] = [];
  let tag = 0;
  const make = () => {
    const made = testServer({
      engine,
      provider,
      secrets,
      tools: catalog(),
      dataDir: dir,
      idTag: `s${++tag}`,
      ...(options.otel ? { otel: options.otel } : {}),
    });
    open.push(made);
    return made;
  };
  const server = make();
  return {
    web,
    fake,
    server,
    config,
    fetchPort,
    stdioCalls: () => {
      try {
        return readFileSync(log, 'utf8')
          .trim()
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line) as ReceivedCall);
      } catch {
        return [];
      }
    },
    async graphWith(tools) {
      const document = agentGraph(tools);
      return (await (await server.call('POST', '/api/graphs', { document })).json()) as GraphRecord;
    },
    restart: make,
    async close() {
      for (const s of open) await s.close().catch(() => {});
      await web.close();
      await fake.close();
      fetchServer.closeAllConnections();
      await new Promise((resolve) => fetchServer.close(resolve));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The calculator example with its agent's tools replaced. */
export function agentGraph(tools: ToolRef[]): GraphDocument {
  const document = structuredClone(loadExample('calculator-tools')) as GraphDocument;
  for (const node of document.nodes) if (node.kind === 'specialist') node.data.tools = tools;
  return document;
}

/** A page that says back the credentials it was sent (a site that leaks them, for the scrubber). */
async function startEchoServer(): Promise<Server> {
  const server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' }).end(`you sent authorization=${req.headers.authorization}`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}
