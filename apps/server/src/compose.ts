// Wires stores, notifier, run manager and app together from a config: shared by main.ts and the tests.
import type { PriceTable, ProviderInfo } from '@baton/contracts';
import { createApp } from './app';
import { type Db, openDatabase } from './db/database';
import type { AppDeps } from './deps';
import { type IdSource, randomId } from './ids';
import type { Logger } from './logger';
import type { EnginePort, ModelProvider } from './runs/engine-port';
import { RunManager } from './runs/run-manager';
import { createTestCaseRunner } from './runs/testcase-runner';
import { createMemoryNotifier } from './store/memory-notifier';
import { createSqliteGraphStore } from './store/sqlite-graph-store';
import { createSqliteRunStore } from './store/sqlite-run-store';
import { createSqliteTestCaseStore } from './store/sqlite-testcase-store';
import type { GraphStore, RunNotifier, RunStore } from './store/types';

export interface ComposeOptions {
  dataDir: string | ':memory:';
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
  settleTimeoutMs?: number;
}

export interface Composed {
  app: ReturnType<typeof createApp>;
  db: Db;
  graphs: GraphStore;
  runs: RunStore;
  notifier: RunNotifier;
  runManager: RunManager;
  provider: ProviderInfo;
  /** Stops active runs (they end `interrupted`) and closes the database. */
  close(): Promise<void>;
}

export function compose(options: ComposeOptions): Composed {
  const db = openDatabase(options.dataDir);
  const graphs = createSqliteGraphStore(db);
  const runs = createSqliteRunStore(db);
  const notifier = createMemoryNotifier();
  const newId = options.newId ?? randomId;
  const runManager = new RunManager({
    graphs,
    runs,
    notifier,
    engine: options.engine,
    provider: options.provider,
    logger: options.logger,
    newId,
    secrets: options.secrets,
    settleTimeoutMs: options.settleTimeoutMs,
  });
  const deps: AppDeps = {
    graphs,
    runs,
    notifier,
    runManager,
    testCases: {
      store: createSqliteTestCaseStore(db),
      runner: createTestCaseRunner({ provider: options.provider, secrets: options.secrets }),
    },
    provider: options.provider.info,
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
  };
  return {
    app: createApp(deps),
    db,
    graphs,
    runs,
    notifier,
    runManager,
    provider: options.provider.info,
    async close() {
      await runManager.shutdown();
      db.close();
    },
  };
}
