// The MCP source against real servers built with the SDK: over Streamable HTTP and over stdio, a dead one, a dropped
// session, the allowlist and the side-effect marks, and the trace context each call carries.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { McpServerConfig } from '../config/tools-config';
import { type HttpMcpTestServer, STDIO_MCP_SERVER_SCRIPT, startHttpMcpServer } from '../testing';
import { McpUnreachableError } from './mcp-errors';
import { McpToolSource } from './mcp-source';

const PACKAGE_DIR = path.resolve(path.dirname(STDIO_MCP_SERVER_SCRIPT), '../..');
const filter = { allowTools: null, sideEffects: {}, connectTimeoutMs: 3_000 };
const signal = () => new AbortController().signal;

let server: HttpMcpTestServer | undefined;
const sources: McpToolSource[] = [];
afterEach(async () => {
  await Promise.all(sources.splice(0).map((s) => s.close()));
  await server?.close();
  server = undefined;
});

function http(url: string, extra: Partial<McpServerConfig> = {}): McpToolSource {
  const source = new McpToolSource({
    name: 'web',
    transport: 'http',
    url,
    headers: {},
    ...filter,
    ...extra,
  } as McpServerConfig);
  sources.push(source);
  return source;
}

function stdio(log: string, extra: Partial<McpServerConfig> = {}): McpToolSource {
  const source = new McpToolSource({
    name: 'local',
    transport: 'stdio',
    command: process.execPath,
    args: ['--import', 'tsx', STDIO_MCP_SERVER_SCRIPT],
    env: { MCP_CALL_LOG: log },
    cwd: PACKAGE_DIR,
    ...filter,
    // Starting node with tsx and the SDK takes a few seconds on a busy machine.
    connectTimeoutMs: 20_000,
    ...extra,
  } as McpServerConfig);
  sources.push(source);
  return source;
}

describe('McpToolSource over Streamable HTTP', () => {
  it('lists tools with their schemas and side-effect marks from the annotations, and calls them', async () => {
    server = await startHttpMcpServer();
    const source = http(server.url);
    const tools = await source.tools();
    const byName = new Map(tools.map((t) => [t.name, t]));
    expect([...byName.keys()].sort()).toEqual(['add', 'echo', 'fail', 'hostile', 'slow', 'strict', 'whoami', 'wipe']);
    expect(byName.get('wipe')).toMatchObject({ sideEffects: true, annotations: { destructiveHint: true } });
    expect(byName.get('echo')).toMatchObject({ sideEffects: false, sideEffectsFrom: 'annotations' });
    expect(byName.get('strict')!.inputSchema).toMatchObject({
      required: ['code', 'count'],
      additionalProperties: false,
    });
    expect(await source.call('echo', { text: 'hi' }, { signal: signal() })).toEqual({
      content: [{ type: 'text', text: 'hi' }],
      isError: false,
    });
    expect(await source.call('add', { a: 2, b: 3 }, { signal: signal() })).toEqual({
      content: [{ type: 'json', value: { sum: 5 } }],
      isError: false,
    });
    expect((await source.call('fail', {}, { signal: signal() })).isError).toBe(true);
    expect(server.calls.map((c) => c.tool)).toEqual(['echo', 'add', 'fail']);
  });

  it('keeps to the allowlist, and the configuration’s side-effect marks win over the annotations', async () => {
    server = await startHttpMcpServer();
    const source = http(server.url, { allowTools: ['echo', 'wipe'], sideEffects: { echo: true, wipe: false } });
    const tools = await source.list();
    expect(tools.map((t) => [t.name, t.sideEffects])).toEqual([
      ['echo', true],
      ['wipe', false],
    ]);
    await expect(source.call('add', { a: 1, b: 1 }, { signal: signal() })).rejects.toThrow(
      /does not allow the tool "add"/,
    );
    expect(server.calls).toEqual([]);
  });

  it('connects again after the server forgot the session, without losing the call', async () => {
    server = await startHttpMcpServer();
    const source = http(server.url);
    await source.call('echo', { text: 'one' }, { signal: signal() });
    await server.dropSessions();
    const again = await source.call('echo', { text: 'two' }, { signal: signal() });
    expect(again.content).toEqual([{ type: 'text', text: 'two' }]);
    expect(server.sessions()).toBe(2);
    expect(server.calls.map((c) => c.arguments)).toEqual([{ text: 'one' }, { text: 'two' }]);
  });

  it('names a server where nothing listens as unreachable, quickly', async () => {
    const dead = await startHttpMcpServer();
    const url = dead.url;
    await dead.close();
    const source = http(url);
    const started = Date.now();
    await expect(source.list()).rejects.toThrow(McpUnreachableError);
    await expect(source.call('echo', { text: 'x' }, { signal: signal() })).rejects.toThrow(
      /The MCP server "web" is unreachable: the connection was refused/,
    );
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('gives up on a server that accepts but never answers within its timeout, then answers at once for a while', async () => {
    const hanging = createServer(() => {}); // takes every request, answers none
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    try {
      const source = http(`http://127.0.0.1:${(hanging.address() as AddressInfo).port}/mcp`, { connectTimeoutMs: 300 });
      let started = Date.now();
      await expect(source.list()).rejects.toThrow('The MCP server "web" is unreachable: it did not answer in time.');
      expect(Date.now() - started).toBeGreaterThanOrEqual(290);
      started = Date.now();
      await expect(source.call('echo', { text: 'x' }, { signal: signal() })).rejects.toThrow(/did not answer in time/);
      expect(Date.now() - started).toBeLessThan(100);
    } finally {
      hanging.closeAllConnections();
      await new Promise((resolve) => hanging.close(resolve));
    }
  });

  it('sends the configured headers, and each call’s traceparent as a header and in _meta', async () => {
    server = await startHttpMcpServer();
    const source = http(server.url, { headers: { authorization: 'Bearer mcp-secret-123' } });
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    await source.call('echo', { text: 'x' }, { signal: signal(), headers: { traceparent } });
    expect(server.calls[0]!.headers).toMatchObject({ authorization: 'Bearer mcp-secret-123', traceparent });
    expect(server.calls[0]!.meta).toMatchObject({ traceparent });
  });

  it('stops a slow call when the engine aborts it, and the session stays usable', async () => {
    server = await startHttpMcpServer();
    const source = http(server.url);
    const controller = new AbortController();
    const slow = source.call('slow', { ms: 10_000 }, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('time is up')), 100);
    await expect(slow).rejects.toThrow('time is up');
    expect((await source.call('echo', { text: 'after' }, { signal: signal() })).content).toEqual([
      { type: 'text', text: 'after' },
    ]);
    expect(server.sessions()).toBe(1);
  });
});

describe('McpToolSource over stdio', () => {
  it('starts the configured command, calls its tools, and starts it again after it died', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'baton-mcp-'));
    try {
      const log = path.join(dir, 'calls.jsonl');
      const source = stdio(log);
      expect((await source.list()).length).toBe(8);
      const result = await source.call('add', { a: 20, b: 22 }, { signal: signal() });
      expect(result.content).toEqual([{ type: 'json', value: { sum: 42 } }]);
      await source.close(); // the process ends, as a crashed one would
      const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
      await source.call('echo', { text: 'back' }, { signal: signal(), headers: { traceparent } });
      const calls = readFileSync(log, 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line));
      expect(calls.map((c) => c.tool)).toEqual(['add', 'echo']);
      expect(calls[1].meta).toMatchObject({ traceparent });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);

  it('names a command that does not exist as unreachable', async () => {
    const source = new McpToolSource({
      name: 'missing',
      transport: 'stdio',
      command: '/nonexistent/baton-mcp-server',
      args: [],
      env: {},
      cwd: null,
      ...filter,
    });
    sources.push(source);
    await expect(source.list()).rejects.toThrow(/The MCP server "missing" is unreachable/);
  });
});
