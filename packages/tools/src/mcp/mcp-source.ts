// One configured MCP server as a tool source, with the official SDK's client (v1, @modelcontextprotocol/sdk):
// Streamable HTTP, or stdio for a command of the configuration file. It connects when first asked, lists tools with
// `tools/list` (filtered by the allowlist, side effects from the annotations unless the configuration says), and
// connects again after a dropped session. A server that does not answer is `McpUnreachableError`, never a hang.
import type { JsonSchemaObject, JsonValue } from '@baton/contracts';
import type { ToolCallOptions, ToolDescriptor, ToolResult, ToolSource } from '@baton/engine';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { McpServerConfig } from '../config/tools-config';
import { isUsableToolName } from '../usable-name';
import { withCallHeaders } from './call-headers';
import { toDraft2020 } from './input-schema';
import { describeFailure, isSafeToRetry, McpUnreachableError } from './mcp-errors';
import { toToolResult } from './mcp-result';
import { createTransport } from './mcp-transport';

/** The MCP annotations that say what a tool does to the world (the side-effect mark comes from them). */
export interface McpAnnotations {
  title?: string;
  readOnlyHint?: boolean;
  destructiveHint?: boolean;
  idempotentHint?: boolean;
  openWorldHint?: boolean;
}

export interface McpTool extends ToolDescriptor {
  annotations: McpAnnotations;
  /** Where the side-effect mark came from. */
  sideEffectsFrom: 'annotations' | 'configuration';
}

/** Calls may run for as long as the engine allows (it aborts them on its own time limit). */
const CALL_TIMEOUT_MS = 24 * 60 * 60 * 1000;

/**
 * After a failed connect, how long the source answers "unreachable" at once instead of trying again: a server that
 * hangs would otherwise cost every run start and every `GET /api/tools` its whole connect timeout.
 */
export const RECONNECT_AFTER_MS = 5_000;

export class McpToolSource implements ToolSource {
  readonly name: string;
  private session: Promise<Client> | null = null;
  /** Bumped for every session made, so that a late `onclose` of an old one does not drop the new one. */
  private generation = 0;
  /** The last connect failure, answered again until `RECONNECT_AFTER_MS` after it. */
  private failed: { error: McpUnreachableError; at: number } | null = null;

  constructor(
    readonly config: McpServerConfig,
    private readonly clientVersion = '0.1.0',
  ) {
    this.name = config.name;
  }

  get transport(): 'http' | 'stdio' {
    return this.config.transport;
  }

  async list(): Promise<readonly ToolDescriptor[]> {
    return (await this.tools()).filter((tool) => isUsableToolName(tool.name));
  }

  /** Every allowed tool the server lists, with its annotations (for `GET /api/tools`). */
  tools(): Promise<McpTool[]> {
    return this.withSession(true, {}, async (client) => {
      const listed: McpTool[] = [];
      let cursor: string | undefined;
      // A server that pages forever still ends: 50 pages is far more tools than a model can use.
      for (let page = 0; page < 50; page++) {
        const result = await client.listTools(cursor ? { cursor } : undefined, {
          timeout: this.config.connectTimeoutMs,
        });
        for (const tool of result.tools) {
          if (this.config.allowTools && !this.config.allowTools.includes(tool.name)) continue;
          listed.push(this.describe(tool));
        }
        cursor = result.nextCursor;
        if (!cursor) break;
      }
      return listed;
    });
  }

  call(tool: string, args: JsonValue, options: ToolCallOptions): Promise<ToolResult> {
    if (this.config.allowTools && !this.config.allowTools.includes(tool)) {
      return Promise.reject(new Error(`The configuration does not allow the tool "${tool}" of ${this.name}.`));
    }
    const traceparent = options.headers?.traceparent;
    return this.withSession(false, options, async (client) => {
      const result = await client.callTool(
        {
          name: tool,
          arguments: args as Record<string, unknown>,
          // Trace context in `_meta` as well as in the HTTP header: stdio has no headers.
          ...(traceparent ? { _meta: { traceparent } } : {}),
        },
        undefined,
        { signal: options.signal, timeout: CALL_TIMEOUT_MS },
      );
      return toToolResult(result);
    });
  }

  /** Ends the session (a stdio server's process with it). The source connects again if asked after. */
  async close(): Promise<void> {
    this.failed = null;
    const session = this.session;
    this.session = null;
    const client = await session?.catch(() => null);
    await client?.close().catch(() => {});
  }

  private describe(tool: {
    name: string;
    title?: string;
    description?: string;
    inputSchema: unknown;
    annotations?: McpAnnotations;
  }): McpTool {
    const annotations: McpAnnotations = { ...(tool.annotations ?? {}) };
    const configured = this.config.sideEffects[tool.name];
    return {
      name: tool.name,
      description: tool.description ?? tool.title ?? annotations.title ?? '',
      inputSchema: toDraft2020(tool.inputSchema as JsonSchemaObject),
      // MCP's defaults: a tool is not read-only unless it says so, so it may change the world.
      sideEffects: configured ?? annotations.readOnlyHint !== true,
      sideEffectsFrom: configured === undefined ? 'annotations' : 'configuration',
      annotations,
    };
  }

  /**
   * Runs `work` on the session, connecting first if there is none. A dropped session (the server forgot it, or
   * went away before the request reached it) is made again and the work tried once more; other failures end the
   * session too, so that the next call starts a fresh one, but are not retried: a call may have run.
   */
  private async withSession<T>(
    idempotent: boolean,
    call: { headers?: Record<string, string>; signal?: AbortSignal },
    work: (client: Client) => Promise<T>,
  ): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const session = this.connect();
      const client = await session;
      try {
        return await withCallHeaders(call.headers, () => work(client));
      } catch (error) {
        // Aborted by the engine (cancel, time limit): the SDK says "timeout", but the session is fine.
        if (call.signal?.aborted) throw call.signal.reason;
        const retry = isSafeToRetry(error) || (idempotent && describeFailure(error).transport);
        if (!retry && !describeFailure(error).transport) throw error;
        this.drop(session);
        if (!retry || attempt >= 2) throw new McpUnreachableError(this.name, describeFailure(error).reason);
      }
    }
  }

  private connect(): Promise<Client> {
    if (this.session) return this.session;
    if (this.failed && Date.now() - this.failed.at < RECONNECT_AFTER_MS) return Promise.reject(this.failed.error);
    const generation = ++this.generation;
    const session = (async () => {
      const client = new Client({ name: 'baton', version: this.clientVersion });
      let transport: Transport | undefined;
      try {
        transport = createTransport(this.config);
        client.onclose = () => {
          if (this.generation === generation) this.session = null;
        };
        await client.connect(transport, { timeout: this.config.connectTimeoutMs });
        this.failed = null;
        return client;
      } catch (error) {
        await transport?.close().catch(() => {});
        const unreachable = new McpUnreachableError(this.name, describeFailure(error).reason);
        this.failed = { error: unreachable, at: Date.now() };
        throw unreachable;
      }
    })();
    this.session = session;
    session.catch(() => this.drop(session));
    return session;
  }

  private drop(session: Promise<Client>): void {
    if (this.session !== session) return;
    this.session = null;
    void session.then((client) => client.close()).catch(() => {});
  }
}
