// Everything the Hono app is built from, injected so that tests build it with no port and no process state.
import type { PriceTable, ProviderInfo, ToolSourceInfo } from '@baton/contracts';
import type { IdSource } from './ids';
import type { Logger } from './logger';
import type { QueueStatus } from './queue/run-queue';
import type { RunService } from './runs/run-service';
import type { TestCaseRunner } from './runs/testcase-runner';
import type { GraphStore, RunNotifier, RunRequests, RunStore, TestCaseStore } from './store/types';

export interface AppDeps {
  graphs: GraphStore;
  runs: RunStore;
  /** What was asked of runs besides their events (here: the trace context a run was started under). */
  requests: RunRequests;
  notifier: RunNotifier;
  runService: RunService;
  /** Test cases per graph, and their replay against a draft (offline unless asked). */
  testCases: { store: TestCaseStore; runner: TestCaseRunner };
  provider: ProviderInfo;
  /** The tool sources (GET /api/tools): the built-ins and the configured MCP servers. */
  tools: { describe(): Promise<ToolSourceInfo[]> };
  /** USD per 1M tokens by model id (config.ts), served to the web app to price runs. */
  prices: PriceTable;
  logger: Logger;
  newId: IdSource;
  /** BATON_TOKEN, or null when the API is open (loopback only). */
  token: string | null;
  /** Host names the Host header may carry; null accepts any (bound beyond loopback, protected by the token). */
  allowedHostnames: ReadonlySet<string> | null;
  /** Strings never to send in a response: provider keys and the token. */
  secrets: readonly string[];
  /** The built web app, or null to serve only the API. */
  webDir: string | null;
  /** Serve the web app's source maps (BATON_SOURCE_MAPS); off unless asked for. */
  sourceMaps?: boolean;
  /** Reverse proxies whose X-Forwarded-For names the client (BATON_TRUSTED_PROXIES). */
  trustedProxies?: readonly string[];
  /** Milliseconds since the epoch; injected so that tests of time (the sign-in slowdown) need no real waits. */
  now?: () => number;
  version: string;
  /** Which store answers and how to ask it: /api/health is 503 while `ping` fails. */
  store: { kind: 'sqlite' | 'postgres'; ping(): Promise<void> };
  /** The OpenTelemetry settings the OTLP file export shares with the live export (service name, content or not). */
  otel?: { serviceName: string; captureContent: boolean };
  /** SSE heartbeat interval. */
  heartbeatMs?: number;
  /** With BATON_QUEUE_URL: whether the queue answers and which workers it saw, for /api/health. */
  queue?: { status(): Promise<QueueStatus>; noWorkerAfterMs: number };
  /** How often an SSE stream reads the store with no wake-up from the notifier (a dead notifier's cover). */
  pollMs?: number;
}
