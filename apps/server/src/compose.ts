// Wires stores, notifier, run service, run executor and app together from a config: shared by main.ts and the tests.
import type { PriceTable, ProviderInfo } from '@baton/contracts';
import { createToolCatalog, NO_TOOLS_CONFIG, type ToolCatalog } from '@baton/tools';
import { createApp } from './app';
import type { OtelConfig } from './config';
import type { Db } from './db/database';
import type { AppDeps } from './deps';
import { type IdSource, randomId } from './ids';
import type { Logger } from './logger';
import { createOtlpSink } from './otel/otlp-sink';
import type { RunQueue } from './queue/run-queue';
import type { EnginePort, ModelProvider } from './runs/engine-port';
import type { EventSink, SinkQueueOptions } from './runs/event-sinks';
import { RunExecutor } from './runs/run-executor';
import { RunService } from './runs/run-service';
import { createTestCaseRunner } from './runs/testcase-runner';
import { createMemoryNotifier } from './store/memory-notifier';
import { openSqliteStores, type Stores } from './store/open-stores';
import type { GraphStore, RunClaims, RunNotifier, RunRequests, RunStore } from './store/types';

export interface ComposeOptions {
  dataDir: string | ':memory:';
  /** Stores opened already (PostgreSQL: `openPgStores`); by default SQLite in `dataDir`. Closed by `close()`. */
  stores?: Stores;
  engine: EnginePort;
  provider: ModelProvider;
  /** The configuration's price table; none by default, so that runs show tokens only. */
  prices?: PriceTable;
  logger: Logger;
  token: string | null;
  allowedHostnames: ReadonlySet<string> | null;
  secrets: readonly string[];
  webDir: string | null;
  sourceMaps?: boolean;
  trustedProxies?: readonly string[];
  now?: () => number;
  version: string;
  newId?: IdSource;
  heartbeatMs?: number;
  /** How often an SSE stream reads the store with no wake-up (routes/events.ts). */
  pollMs?: number;
  settleTimeoutMs?: number;
  /** Claims on runs: how long one lasts unless renewed, and how often it is renewed. */
  leaseMs?: number;
  renewMs?: number;
  /** Consumers of stored events besides the store (the OpenTelemetry exporter). */
  sinks?: readonly EventSink[];
  sinkQueue?: SinkQueueOptions;
  /** OpenTelemetry export (config.otel): one more sink, after the given ones. */
  otel?: OtelConfig | null;
  /**
   * BATON_QUEUE_URL: runs are handed to BullMQ workers. An API process enqueues them and never starts its executor;
   * a worker process passes `takeWork: 'queue'` and feeds its executor from the queue (queue/run-worker.ts).
   */
  queue?: RunQueue;
  takeWork?: 'store' | 'queue';
  /** How long a run may stay queued with no live worker before its page says so. */
  noWorkerAfterMs?: number;
  /** The tool sources (from config.tools); the built-ins alone by default. Closed with the server. */
  tools?: ToolCatalog;
}

export interface Composed {
  app: ReturnType<typeof createApp>;
  /** The SQLite database, or null when the stores are PostgreSQL's. */
  db: Db | null;
  stores: Stores;
  graphs: GraphStore;
  runs: RunStore;
  notifier: RunNotifier;
  claims: RunClaims;
  requests: RunRequests;
  runService: RunService;
  runExecutor: RunExecutor;
  provider: ProviderInfo;
  /**
   * Stops taking work, lets model calls in flight finish within `graceMs` (default 0), releases the claims (the runs
   * keep their status and resume at the next start) and closes the stores.
   */
  close(graceMs?: number): Promise<void>;
}

export function compose(options: ComposeOptions): Composed {
  const stores = options.stores ?? openSqliteStores(options.dataDir);
  const { graphs, runs, claims, requests } = stores;
  const notifier = stores.notifier ?? createMemoryNotifier();
  const newId = options.newId ?? randomId;
  const tools = options.tools ?? createToolCatalog(NO_TOOLS_CONFIG);
  const otlp = options.otel ? createOtlpSink({ runs, graphs, requests, secrets: options.secrets }, options.otel) : null;
  const runExecutor = new RunExecutor({
    graphs,
    runs,
    claims,
    requests,
    notifier,
    engine: options.engine,
    provider: options.provider,
    logger: options.logger,
    newId,
    secrets: options.secrets,
    leaseMs: options.leaseMs,
    renewMs: options.renewMs,
    sinks: [...(options.sinks ?? []), ...(otlp ? [otlp] : [])],
    propagateTraceContext: otlp !== null,
    tools: tools.sources,
    sinkQueue: options.sinkQueue,
    takeWork: options.takeWork,
  });
  const queue = options.queue;
  const runService = new RunService({
    graphs,
    runs,
    claims,
    requests,
    notifier,
    engine: options.engine,
    newId,
    secrets: options.secrets,
    settleTimeoutMs: options.settleTimeoutMs,
    sinks: runExecutor.eventSinks,
    ...(queue
      ? {
          dispatch: (runId: string) => queue.enqueue(runId),
          onDispatchError: (runId: string, error: unknown) =>
            options.logger.error(`run ${runId} could not be enqueued; a worker's sweep hands it out later`, error),
        }
      : {}),
    tools,
  });
  const deps: AppDeps = {
    graphs,
    runs,
    requests,
    notifier,
    runService,
    testCases: {
      store: stores.testCases,
      runner: createTestCaseRunner({ provider: options.provider, tools: tools.sources, secrets: options.secrets }),
    },
    provider: options.provider.info,
    tools,
    prices: options.prices ?? {},
    logger: options.logger,
    newId,
    token: options.token,
    allowedHostnames: options.allowedHostnames,
    secrets: options.secrets,
    webDir: options.webDir,
    sourceMaps: options.sourceMaps,
    trustedProxies: options.trustedProxies,
    now: options.now,
    version: options.version,
    heartbeatMs: options.heartbeatMs,
    store: { kind: stores.kind, ping: stores.ping },
    pollMs: options.pollMs,
    ...(queue ? { queue: { status: () => queue.status(), noWorkerAfterMs: options.noWorkerAfterMs ?? 10_000 } } : {}),
    ...(options.otel
      ? { otel: { serviceName: options.otel.serviceName, captureContent: options.otel.captureContent } }
      : {}),
  };
  return {
    app: createApp(deps),
    db: stores.db,
    stores,
    graphs,
    runs,
    notifier,
    claims,
    requests,
    runService,
    runExecutor,
    provider: options.provider.info,
    async close(graceMs = 0) {
      runService.stopAccepting();
      await runExecutor.shutdown(graceMs);
      await otlp?.shutdown().catch(() => {});
      await tools.close();
      await queue?.close();
      await stores.close();
    },
  };
}
