// Builds the app for tests: in-memory SQLite (or a temp dir, or stores given), a fake or real engine, a logger that keeps its lines.
import type { PriceTable, ProviderInfo } from '@baton/contracts';
import type { ToolCatalog } from '@baton/tools';
import { type Composed, compose } from '../src/compose';
import type { OtelConfig } from '../src/config';
import { createMemoryLogger } from '../src/logger';
import type { RunQueue } from '../src/queue/run-queue';
import type { EnginePort, ModelProvider } from '../src/runs/engine-port';
import type { EventSink, SinkQueueOptions } from '../src/runs/event-sinks';
import type { Stores } from '../src/store/open-stores';
import { createFakeEngine, type FakeEngineOptions } from './fake-engine';

export const FAKE_PROVIDER_INFO: ProviderInfo = {
  kind: 'simulated',
  simulated: true,
  baseUrlHost: null,
  models: { fast: 'sim-fast', balanced: 'sim-balanced', deep: 'sim-deep' },
};

export const fakeProvider: ModelProvider = {
  version: 2,
  info: FAKE_PROVIDER_INFO,
  complete: async () => {
    throw new Error('the fake engine never calls the provider');
  },
};

export interface TestServer extends Composed {
  logs: string[];
  engine: EnginePort;
  /** app.request with JSON helpers; `Host: localhost` unless given. */
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
}

export function testServer(
  options: {
    engine?: EnginePort;
    fake?: FakeEngineOptions;
    token?: string;
    secrets?: string[];
    provider?: ModelProvider;
    dataDir?: string;
    webDir?: string | null;
    prices?: PriceTable;
    sourceMaps?: boolean;
    trustedProxies?: string[];
    now?: () => number;
    /** False: no executor takes the runs (as if the process executing them had died). */
    execute?: boolean;
    /** Put in every id, so that servers opened one after another on one data directory make distinct ids. */
    idTag?: string;
    leaseMs?: number;
    /** Stores opened already (PostgreSQL's); in-memory SQLite by default. */
    stores?: Stores;
    pollMs?: number;
    heartbeatMs?: number;
    sinks?: EventSink[];
    sinkQueue?: SinkQueueOptions;
    otel?: OtelConfig;
    /** BullMQ: an API process enqueues on it (and pass `execute: false`); a worker passes `takeWork: 'queue'`. */
    queue?: RunQueue;
    takeWork?: 'store' | 'queue';
    noWorkerAfterMs?: number;
    tools?: ToolCatalog;
  } = {},
): TestServer {
  const secrets = options.secrets ?? [];
  const logger = createMemoryLogger(secrets);
  const engine = options.engine ?? createFakeEngine(options.fake);
  let counter = 0;
  const composed = compose({
    dataDir: options.dataDir ?? ':memory:',
    stores: options.stores,
    engine,
    provider: options.provider ?? fakeProvider,
    logger,
    token: options.token ?? null,
    allowedHostnames: new Set(['localhost', '127.0.0.1']),
    secrets,
    webDir: options.webDir ?? null,
    ...(options.prices ? { prices: options.prices } : {}),
    sourceMaps: options.sourceMaps,
    trustedProxies: options.trustedProxies,
    now: options.now,
    version: '0.1.0-test',
    newId: (prefix) => `${prefix}_${options.idTag ?? ''}${++counter}`,
    leaseMs: options.leaseMs,
    heartbeatMs: options.heartbeatMs ?? 200,
    pollMs: options.pollMs,
    sinks: options.sinks,
    sinkQueue: options.sinkQueue,
    otel: options.otel,
    queue: options.queue,
    takeWork: options.takeWork,
    noWorkerAfterMs: options.noWorkerAfterMs,
    ...(options.tools ? { tools: options.tools } : {}),
    settleTimeoutMs: 2000,
  });
  if (options.execute !== false) void composed.runExecutor.start();
  const call: TestServer['call'] = (method, path, body, headers = {}) => {
    const init: RequestInit = { method, headers: { ...headers } };
    if (body !== undefined) {
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
      (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
    }
    return Promise.resolve(composed.app.request(`http://localhost${path}`, init));
  };
  return { ...composed, logs: logger.lines, engine, call };
}
