// Server settings from environment variables and the configuration file (baton.config.json, or BATON_CONFIG): one
// place that reads process.env and the file, with defaults and clear errors.
import { existsSync, readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BatonError, formatJsonPath, PriceTable } from '@baton/contracts';
import { NO_TOOLS_CONFIG, parseToolsConfig, type ToolsConfig, ToolsConfigError } from '@baton/tools';

export interface ServerConfig {
  host: string;
  port: number;
  dataDir: string;
  /** BATON_DATABASE_URL: graphs, runs and events in this PostgreSQL instead of SQLite under `dataDir`. */
  databaseUrl: string | null;
  /**
   * BATON_QUEUE_URL (Redis): API processes enqueue runs on BullMQ and never execute them; `npm run worker` processes
   * execute them. Needs BATON_DATABASE_URL, where workers and API processes share the runs.
   */
  queueUrl: string | null;
  /** Runs: how long a claim on a run lasts unless renewed (BATON_LEASE_MS); another process takes it after that. */
  leaseMs: number;
  /** Workers: how many runs one worker process executes at once (BATON_WORKER_CONCURRENCY). */
  workerConcurrency: number;
  /** How long a run may stay queued with no live worker before its page says so (BATON_NO_WORKER_AFTER_MS). */
  noWorkerAfterMs: number;
  /** When set, every /api route but health and sign-in needs it. */
  token: string | null;
  openai: { apiKey: string; baseURL: string | null } | null;
  models: { fast: string; balanced: string; deep: string };
  /** USD per 1M input and output tokens, by model id: the defaults, with BATON_MODEL_PRICES over them. */
  prices: PriceTable;
  simulated: { callDelayMs: number; tokenDelayMs: number; confidence: number };
  webDir: string;
  examplesDir: string;
  /** On SIGTERM, how long model calls in flight may take to finish before the claims are released. */
  shutdownGraceMs: number;
  /** Extra host names the `Host` header may carry (reverse proxies), from BATON_ALLOWED_HOSTS. */
  allowedHosts: string[];
  /**
   * Addresses of reverse proxies whose `X-Forwarded-For` names the client (BATON_TRUSTED_PROXIES); from any other
   * peer the header is ignored and the socket's address is the client's, e.g. for slowing sign-in down.
   */
  trustedProxies: string[];
  /** Serve the web app's source maps (BATON_SOURCE_MAPS=1, a development setting; the build makes them then too). */
  sourceMaps: boolean;
  /** OpenTelemetry trace export over OTLP/HTTP, from the standard OTEL_* variables; null when none asks for it. */
  otel: OtelConfig | null;
  /** MCP servers and http_fetch's hosts, from the configuration file; none without one. */
  tools: ToolsConfig;
  /** The configuration file read, or null when there is none. */
  configFile: string | null;
}

/** The configuration file's name, looked for in the folder the server starts from unless BATON_CONFIG names one. */
export const CONFIG_FILE_NAME = 'baton.config.json';

export interface OtelConfig {
  /** The full traces URL: OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, or OTEL_EXPORTER_OTLP_ENDPOINT + `/v1/traces`. */
  tracesUrl: string;
  /** OTEL_EXPORTER_OTLP_HEADERS and ..._TRACES_HEADERS (`key=value,...`, values URL-decoded); values are secrets. */
  headers: Record<string, string>;
  serviceName: string;
  timeoutMs: number;
  /** OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT=true: prompts and replies go into the spans. */
  captureContent: boolean;
}

export class ConfigError extends BatonError {
  constructor(message: string) {
    super('invalid_config', message);
  }
}

const serverRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const DEFAULT_MODELS = { fast: 'gpt-4.1-nano', balanced: 'gpt-4.1-mini', deep: 'gpt-4.1' } as const;

/** OpenAI's list prices of the default tiers' models, USD per 1M tokens (openai.com/api/pricing). */
export const DEFAULT_PRICES: PriceTable = {
  'gpt-4.1-nano': { input: 0.1, output: 0.4 },
  'gpt-4.1-mini': { input: 0.4, output: 1.6 },
  'gpt-4.1': { input: 2, output: 8 },
};

/**
 * Relative paths resolve against the folder the person started from: `npm start` at the repository root runs the
 * server in apps/server, and npm says where it was started in INIT_CWD, so `data/` lands at the root as documented.
 */
export function readConfig(env: NodeJS.ProcessEnv = process.env, cwd = env.INIT_CWD || process.cwd()): ServerConfig {
  const apiKey = nonEmpty(env.OPENAI_API_KEY);
  const file = configFile(env, cwd);
  return {
    host: nonEmpty(env.HOST) ?? '127.0.0.1',
    port: integer(env, 'PORT', 8787, 0, 65535),
    dataDir: path.resolve(cwd, nonEmpty(env.BATON_DATA_DIR) ?? 'data'),
    databaseUrl: databaseUrl(env),
    queueUrl: queueUrl(env),
    leaseMs: integer(env, 'BATON_LEASE_MS', 15_000, 500, 600_000),
    workerConcurrency: integer(env, 'BATON_WORKER_CONCURRENCY', 16, 1, 1000),
    noWorkerAfterMs: integer(env, 'BATON_NO_WORKER_AFTER_MS', 10_000, 0, 3_600_000),
    token: nonEmpty(env.BATON_TOKEN),
    openai: apiKey ? { apiKey, baseURL: nonEmpty(env.OPENAI_BASE_URL) } : null,
    models: {
      fast: nonEmpty(env.BATON_MODEL_FAST) ?? DEFAULT_MODELS.fast,
      balanced: nonEmpty(env.BATON_MODEL_BALANCED) ?? DEFAULT_MODELS.balanced,
      deep: nonEmpty(env.BATON_MODEL_DEEP) ?? DEFAULT_MODELS.deep,
    },
    prices: { ...DEFAULT_PRICES, ...prices(env) },
    simulated: {
      callDelayMs: integer(env, 'BATON_SIM_CALL_MS', 150, 0, 600_000),
      tokenDelayMs: integer(env, 'BATON_SIM_TOKEN_MS', 15, 0, 60_000),
      confidence: fraction(env, 'BATON_SIM_CONFIDENCE', 0.9),
    },
    shutdownGraceMs: integer(env, 'BATON_SHUTDOWN_GRACE_MS', 10_000, 0, 600_000),
    webDir: path.resolve(cwd, nonEmpty(env.BATON_WEB_DIR) ?? path.join(serverRoot, '../web/dist')),
    examplesDir: path.join(serverRoot, '../../examples'),
    allowedHosts: (nonEmpty(env.BATON_ALLOWED_HOSTS) ?? '')
      .split(',')
      .map((h) => h.trim().toLowerCase())
      .filter(Boolean),
    trustedProxies: addresses(env, 'BATON_TRUSTED_PROXIES'),
    sourceMaps: flag(env, 'BATON_SOURCE_MAPS'),
    otel: otelConfig(env),
    tools: file ? toolsConfig(file, env) : NO_TOOLS_CONFIG,
    configFile: file,
  };
}

/** Every secret the configuration holds: what logs, events, responses, exports and the CLI's output are scrubbed of. */
export function configuredSecrets(config: ServerConfig): string[] {
  const password = (url: string | null) => (url ? decodeURIComponent(new URL(url).password) : null);
  return [
    config.openai?.apiKey,
    config.token,
    password(config.databaseUrl),
    password(config.queueUrl),
    ...Object.values(config.otel?.headers ?? {}),
    ...config.tools.secrets,
  ].filter((s): s is string => Boolean(s));
}

/** BATON_CONFIG (which must exist), else baton.config.json where the server starts, if it is there. */
function configFile(env: NodeJS.ProcessEnv, cwd: string): string | null {
  const named = nonEmpty(env.BATON_CONFIG);
  if (named !== null) {
    const file = path.resolve(cwd, named);
    if (!existsSync(file)) throw new ConfigError(`BATON_CONFIG names ${file}, which does not exist.`);
    return file;
  }
  const found = path.resolve(cwd, CONFIG_FILE_NAME);
  return existsSync(found) ? found : null;
}

function toolsConfig(file: string, env: NodeJS.ProcessEnv): ToolsConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`${file} could not be read: ${(error as Error).message}`);
  }
  try {
    return parseToolsConfig(text, path.basename(file), env);
  } catch (error) {
    if (error instanceof ToolsConfigError) throw new ConfigError(error.message);
    throw error;
  }
}

/** Loopback hosts are the only ones the server binds to without a token. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

/**
 * The OpenTelemetry SDK's own variables (opentelemetry.io/docs/specs/otel/configuration/sdk-environment-variables/),
 * read here rather than by the SDK so that this stays the one module that reads the environment. Off unless an
 * endpoint is set; OTEL_SDK_DISABLED=true or OTEL_TRACES_EXPORTER=none turn it off again.
 */
function otelConfig(env: NodeJS.ProcessEnv): OtelConfig | null {
  if (nonEmpty(env.OTEL_SDK_DISABLED)?.toLowerCase() === 'true') return null;
  const exporters = (nonEmpty(env.OTEL_TRACES_EXPORTER) ?? 'otlp').toLowerCase();
  if (exporters === 'none') return null;
  if (exporters !== 'otlp') throw new ConfigError(`OTEL_TRACES_EXPORTER must be otlp or none, got "${exporters}".`);
  const traces = nonEmpty(env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
  const base = nonEmpty(env.OTEL_EXPORTER_OTLP_ENDPOINT);
  if (traces === null && base === null) return null;
  const tracesUrl = traces ?? `${base!.replace(/\/+$/, '')}/v1/traces`;
  try {
    const url = new URL(tracesUrl);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http');
  } catch {
    throw new ConfigError(`OTEL_EXPORTER_OTLP_ENDPOINT must be an http(s) URL, got "${tracesUrl}".`);
  }
  const protocol = nonEmpty(env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL) ?? nonEmpty(env.OTEL_EXPORTER_OTLP_PROTOCOL);
  if (protocol !== null && protocol.toLowerCase() === 'grpc') {
    throw new ConfigError('OTEL_EXPORTER_OTLP_PROTOCOL=grpc is not supported: Baton exports OTLP over HTTP (JSON).');
  }
  const timeout = nonEmpty(env.OTEL_EXPORTER_OTLP_TRACES_TIMEOUT)
    ? 'OTEL_EXPORTER_OTLP_TRACES_TIMEOUT'
    : 'OTEL_EXPORTER_OTLP_TIMEOUT';
  return {
    tracesUrl,
    headers: {
      ...otlpHeaders(env, 'OTEL_EXPORTER_OTLP_HEADERS'),
      ...otlpHeaders(env, 'OTEL_EXPORTER_OTLP_TRACES_HEADERS'),
    },
    serviceName: nonEmpty(env.OTEL_SERVICE_NAME) ?? 'baton',
    timeoutMs: integer(env, timeout, 10_000, 1, 600_000),
    captureContent: nonEmpty(env.OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT)?.toLowerCase() === 'true',
  };
}

/** `key1=value1,key2=value2`, each value URL-encoded (the W3C Baggage format the OTLP exporter spec names). */
function otlpHeaders(env: NodeJS.ProcessEnv, name: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const pair of (nonEmpty(env[name]) ?? '').split(',')) {
    if (!pair.trim()) continue;
    const at = pair.indexOf('=');
    const key = at > 0 ? pair.slice(0, at).trim() : '';
    if (!key)
      throw new ConfigError(`${name} must be key=value pairs separated by commas; "${pair.trim()}" has no key.`);
    try {
      headers[key.toLowerCase()] = decodeURIComponent(pair.slice(at + 1).trim());
    } catch {
      throw new ConfigError(`${name}: the value of "${key}" is not URL-encoded correctly.`);
    }
  }
  return headers;
}

function nonEmpty(value: string | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = nonEmpty(env[name]);
  if (raw === null) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${raw}".`);
  }
  return value;
}

/** BATON_MODEL_PRICES: `{"model-id": {"input": 0.4, "output": 1.6}}`, USD per 1M tokens; adds to the defaults. */
function prices(env: NodeJS.ProcessEnv): PriceTable {
  const raw = nonEmpty(env.BATON_MODEL_PRICES);
  if (raw === null) return {};
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    throw new ConfigError(
      `BATON_MODEL_PRICES must be JSON like {"gpt-4o": {"input": 2.5, "output": 10}}: ${(error as Error).message}`,
    );
  }
  const parsed = PriceTable.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const at = formatJsonPath(issue.path.filter((p): p is string | number => typeof p !== 'symbol'));
    throw new ConfigError(
      `BATON_MODEL_PRICES at ${at}: ${issue.message} Each model id needs {"input": <USD per 1M tokens>, "output": <USD per 1M tokens>}.`,
    );
  }
  return parsed.data;
}

function databaseUrl(env: NodeJS.ProcessEnv): string | null {
  const raw = nonEmpty(env.BATON_DATABASE_URL);
  if (raw === null) return null;
  let protocol: string | null = null;
  try {
    protocol = new URL(raw).protocol;
  } catch {}
  if (protocol !== 'postgres:' && protocol !== 'postgresql:') {
    throw new ConfigError(
      'BATON_DATABASE_URL must be a PostgreSQL URL such as postgres://baton:password@db.example:5432/baton; unset it to keep the data in SQLite under BATON_DATA_DIR.',
    );
  }
  return raw;
}

function addresses(env: NodeJS.ProcessEnv, name: string): string[] {
  const list = (nonEmpty(env[name]) ?? '')
    .split(',')
    .map((a) => a.trim().toLowerCase())
    .filter(Boolean);
  const wrong = list.find((address) => isIP(address) === 0);
  if (wrong !== undefined)
    throw new ConfigError(`${name} must list IP addresses, separated by commas; got "${wrong}".`);
  return list;
}

function flag(env: NodeJS.ProcessEnv, name: string): boolean {
  const raw = nonEmpty(env[name])?.toLowerCase() ?? null;
  if (raw === null || raw === '0' || raw === 'false') return false;
  if (raw === '1' || raw === 'true') return true;
  throw new ConfigError(`${name} must be 1 or 0, got "${env[name]}".`);
}

function fraction(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = nonEmpty(env[name]);
  if (raw === null) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0 || value > 1) {
    throw new ConfigError(`${name} must be a number from 0 to 1, got "${raw}".`);
  }
  return value;
}

function queueUrl(env: NodeJS.ProcessEnv): string | null {
  const raw = nonEmpty(env.BATON_QUEUE_URL);
  if (raw === null) return null;
  let protocol: string | null = null;
  try {
    protocol = new URL(raw).protocol;
  } catch {}
  if (protocol !== 'redis:' && protocol !== 'rediss:') {
    throw new ConfigError(
      'BATON_QUEUE_URL must be a Redis URL such as redis://:password@queue.example:6379 (BullMQ runs on Redis); unset it to execute runs in the server process.',
    );
  }
  if (nonEmpty(env.BATON_DATABASE_URL) === null) {
    throw new ConfigError(
      'BATON_QUEUE_URL needs BATON_DATABASE_URL: workers and API processes share the runs through PostgreSQL.',
    );
  }
  return raw;
}
