// The tools part of the server's configuration file (baton.config.json): which MCP servers exist and how to reach
// them, which of their tools are allowed, and the hosts `http_fetch` may reach. Parsed here, read by the server's one
// configuration module (apps/server/src/config.ts), so that the server, the workers and the command line agree.
import { formatJsonPath } from '@baton/contracts';
import { z } from 'zod';
import { ToolsConfigError } from './config-error';
import { expandEnvReferences } from './env-references';

/** A configured name as graphs name sources: the `ToolRef.source` rule, and never the engine's own `builtin`. */
const SourceName = z
  .string()
  .regex(/^[a-z][a-z0-9_-]{0,63}$/, 'must be a-z, 0-9, _ and - (starting with a letter), as graphs name sources')
  .refine((name) => name !== 'builtin', 'is the engine’s own source name');

/** A string that may name environment variables as `${NAME}`; expanded when the file is read. */
const Expandable = z.string().max(8_192);

const ToolFilter = {
  /** Only these tools of the server are offered; without it, every tool the server lists. */
  allowTools: z.array(z.string().min(1).max(128)).max(256).optional(),
  /** Per tool: whether it may have side effects, over what the server's annotations say. */
  sideEffects: z.record(z.string().min(1).max(128), z.boolean()).optional(),
  /** How long connecting and listing may take before the server is unreachable (ms; default 5 000, stdio 20 000). */
  connectTimeoutMs: z.int().min(100).max(120_000).optional(),
};

const HttpServer = z.strictObject({
  /** Streamable HTTP endpoint. */
  url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
  /** Sent with every request; values may be `${ENV_VAR}` references. Every value is a secret. */
  headers: z.record(z.string().regex(/^[A-Za-z0-9-]+$/, 'must be an HTTP header name'), Expandable).optional(),
  ...ToolFilter,
});

const StdioServer = z.strictObject({
  /** A program to start with its arguments (no shell). Only this file can name one; a graph never can. */
  command: z.string().min(1).max(4_096),
  args: z.array(Expandable).max(256).optional(),
  /** Added to a minimal environment (PATH, HOME...); values may be `${ENV_VAR}` references and are secrets. */
  env: z
    .record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name'), Expandable)
    .optional(),
  cwd: z.string().min(1).max(4_096).optional(),
  ...ToolFilter,
});

const HostPattern = z
  .string()
  .regex(
    /^(\*|(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?)$/,
    'must be a lower-case host name, optionally `*.` before it and `:port` after it, or `*` for any public host',
  );

const FetchHost = z.union([
  HostPattern,
  z.strictObject({
    host: HostPattern,
    /** Sent only to this host (never on a redirect elsewhere); values may be `${ENV_VAR}`; all are secrets. */
    headers: z.record(z.string().regex(/^[A-Za-z0-9-]+$/, 'must be an HTTP header name'), Expandable),
  }),
]);

export const ToolsConfigFile = z.strictObject({
  /** JSON Schema link for editors; ignored. */
  $schema: z.string().optional(),
  mcpServers: z.record(SourceName, z.union([HttpServer, StdioServer])).optional(),
  httpFetch: z
    .strictObject({
      /** The hosts `http_fetch` may reach; empty or absent: the tool is off. */
      allowedHosts: z.array(FetchHost).max(1_000),
      /** Offer POST too (then the tool may have side effects). Default false: GET only. */
      allowPost: z.boolean().optional(),
      /** Largest body returned, after decompression (bytes, default 1 MB). */
      maxBytes: z.int().min(1).max(50_000_000).optional(),
      /** Time limit of one fetch, redirects included (ms, default 15 000). */
      timeoutMs: z.int().min(100).max(300_000).optional(),
    })
    .optional(),
});
export type ToolsConfigFile = z.infer<typeof ToolsConfigFile>;

interface ToolFilterConfig {
  allowTools: string[] | null;
  sideEffects: Record<string, boolean>;
  connectTimeoutMs: number;
}

export type McpServerConfig =
  | ({ name: string; transport: 'http'; url: string; headers: Record<string, string> } & ToolFilterConfig)
  | ({
      name: string;
      transport: 'stdio';
      command: string;
      args: string[];
      env: Record<string, string>;
      cwd: string | null;
    } & ToolFilterConfig);

export interface FetchHostConfig {
  pattern: string;
  headers: Record<string, string>;
}

export interface HttpFetchConfig {
  allowedHosts: FetchHostConfig[];
  allowPost: boolean;
  maxBytes: number;
  timeoutMs: number;
}

export interface ToolsConfig {
  mcpServers: McpServerConfig[];
  /** Null when no host is allowed: `http_fetch` is off. */
  httpFetch: HttpFetchConfig | null;
  /** Every header value, environment value and credential the file gave, expanded: they join the secret list. */
  secrets: string[];
}

export const NO_TOOLS_CONFIG: ToolsConfig = { mcpServers: [], httpFetch: null, secrets: [] };

/**
 * Parses the file's text. `label` names the file in errors; `env` expands `${NAME}` references. Throws one
 * `ToolsConfigError` whose sentence names the key (`mcpServers.files.url`).
 */
export function parseToolsConfig(text: string, label: string, env: NodeJS.ProcessEnv): ToolsConfig {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ToolsConfigError(`${label} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = ToolsConfigFile.safeParse(json);
  if (!parsed.success) {
    const { issue, path } = innermost(parsed.error.issues[0]!, []);
    const key = path.length > 0 ? formatJsonPath(path).replace(/^\$\.?/, '') : '(the top level)';
    throw new ToolsConfigError(`${label}: ${key} ${sentence(issue)}`);
  }
  const secrets: string[] = [];
  const expand = (value: string, key: string) => expandEnvReferences(value, env, `${label}: ${key}`, secrets);
  const secret = (value: string, key: string) => {
    const expanded = expand(value, key);
    secrets.push(expanded);
    return expanded;
  };
  const file = parsed.data;
  const mcpServers = Object.entries(file.mcpServers ?? {}).map(([name, server]): McpServerConfig => {
    const key = `mcpServers.${name}`;
    const filter: ToolFilterConfig = {
      allowTools: server.allowTools ?? null,
      sideEffects: server.sideEffects ?? {},
      // A stdio server is a process to start (often through npx), an HTTP one is already running.
      connectTimeoutMs: server.connectTimeoutMs ?? ('url' in server ? 5_000 : 20_000),
    };
    if ('url' in server) {
      const headers = mapValues(server.headers ?? {}, (v, h) => secret(v, `${key}.headers.${h}`));
      // Some servers take their key in the URL (`?api_key=...`, `user:pass@`): those parts are secrets too.
      const url = new URL(server.url);
      secrets.push(decodeURIComponent(url.username), decodeURIComponent(url.password), ...url.searchParams.values());
      return { name, transport: 'http', url: server.url, headers, ...filter };
    }
    return {
      name,
      transport: 'stdio',
      command: server.command,
      args: (server.args ?? []).map((arg, i) => expand(arg, `${key}.args[${i}]`)),
      env: mapValues(server.env ?? {}, (v, n) => secret(v, `${key}.env.${n}`)),
      cwd: server.cwd ?? null,
      ...filter,
    };
  });
  const fetch = file.httpFetch;
  const allowedHosts = (fetch?.allowedHosts ?? []).map((entry, i): FetchHostConfig => {
    if (typeof entry === 'string') return { pattern: entry, headers: {} };
    const at = `httpFetch.allowedHosts[${i}].headers`;
    return { pattern: entry.host, headers: mapValues(entry.headers, (v, h) => secret(v, `${at}.${h}`)) };
  });
  return {
    mcpServers,
    httpFetch:
      allowedHosts.length === 0
        ? null
        : {
            allowedHosts,
            allowPost: fetch?.allowPost ?? false,
            maxBytes: fetch?.maxBytes ?? 1_000_000,
            timeoutMs: fetch?.timeoutMs ?? 15_000,
          },
    secrets: [...new Set(secrets.filter((s) => s.length > 0))],
  };
}

type Issue = z.core.$ZodIssue;
type Path = (string | number)[];

/**
 * The issue to tell a person about: inside a record key's issue, the key's own; inside a union (an MCP server is
 * a URL or a command), the issue of the shape that fits best (fewest problems), unless two fit equally well.
 */
function innermost(issue: Issue, at: Path): { issue: Issue; path: Path } {
  const path = [...at, ...issue.path.filter((p): p is string | number => typeof p !== 'symbol')];
  if (issue.code === 'invalid_key' && issue.issues[0]) return { issue: issue.issues[0] as Issue, path };
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    const sizes = issue.errors.map((branch) => branch.length);
    const best = Math.min(...sizes);
    if (sizes.filter((n) => n === best).length === 1) {
      return innermost(issue.errors[sizes.indexOf(best)]![0] as Issue, path);
    }
  }
  return { issue, path };
}

function sentence(issue: Issue): string {
  if (issue.code === 'unrecognized_keys') return `has a key this file does not know: ${issue.keys.join(', ')}.`;
  if (issue.code === 'invalid_union') return 'must be one of the shapes the README shows (a URL or a command).';
  const message = issue.message.replace(/\.$/, '');
  return /^(must|is|has)\b/.test(message) ? `${message}.` : `is wrong: ${message}.`;
}

function mapValues(record: Record<string, string>, map: (value: string, key: string) => string) {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, map(v, k)]));
}
