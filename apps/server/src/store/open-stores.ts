// The stores over one database, SQLite's or PostgreSQL's, with what start-up must do once across processes.
import { type Db, openDatabase } from '../db/database';
import { openPostgres } from '../db/pg-database';
import { createPgGraphStore } from './pg-graph-store';
import { createPgNotifier } from './pg-notifier';
import { createPgRunClaims } from './pg-run-claims';
import { createPgRunRequests } from './pg-run-requests';
import { createPgRunStore } from './pg-run-store';
import { createPgTestCaseStore } from './pg-testcase-store';
import { createSqliteGraphStore } from './sqlite-graph-store';
import { createSqliteRunClaims } from './sqlite-run-claims';
import { createSqliteRunRequests } from './sqlite-run-requests';
import { createSqliteRunStore } from './sqlite-run-store';
import { createSqliteTestCaseStore } from './sqlite-testcase-store';
import type { GraphStore, RunClaims, RunNotifier, RunRequests, RunStore, TestCaseStore } from './types';

export interface Stores {
  kind: 'sqlite' | 'postgres';
  graphs: GraphStore;
  runs: RunStore;
  claims: RunClaims;
  requests: RunRequests;
  testCases: TestCaseStore;
  /** The SQLite database (for what only SQLite has, such as the redactor), or null on PostgreSQL. */
  db: Db | null;
  /** The notifier that reaches every process on this database (PostgreSQL's LISTEN/NOTIFY); none for SQLite. */
  notifier?: RunNotifier;
  /** Runs `fn` in one process at a time across all that share the database (seeding the examples). */
  once<T>(fn: () => Promise<T>): Promise<T>;
  /** Resolves when the database answers a trivial query; rejects with why not. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export function openSqliteStores(dataDir: string | ':memory:', now: () => number = Date.now): Stores {
  const db = openDatabase(dataDir);
  return {
    kind: 'sqlite',
    graphs: createSqliteGraphStore(db, now),
    runs: createSqliteRunStore(db, now),
    claims: createSqliteRunClaims(db, now),
    requests: createSqliteRunRequests(db, now),
    testCases: createSqliteTestCaseStore(db, now),
    db,
    // One SQLite file belongs to one server process.
    once: (fn) => fn(),
    ping: async () => {
      db.prepare('SELECT 1').get();
    },
    close: async () => {
      db.close();
    },
  };
}

export async function openPgStores(
  url: string,
  options: { now?: () => number; max?: number; onNotifierError?: (error: Error) => void } = {},
): Promise<Stores> {
  const pg = await openPostgres(url, { max: options.max });
  const now = options.now ?? Date.now;
  const notifier = createPgNotifier(pg.pool, url, { onError: options.onNotifierError });
  try {
    await notifier.ready;
  } catch (error) {
    await notifier.close();
    await pg.close();
    throw new Error(`Could not LISTEN on the PostgreSQL database: ${(error as Error).message}`, { cause: error });
  }
  return {
    kind: 'postgres',
    graphs: createPgGraphStore(pg, now),
    runs: createPgRunStore(pg, now),
    claims: createPgRunClaims(pg, now),
    requests: createPgRunRequests(pg, now),
    testCases: createPgTestCaseStore(pg, now),
    db: null,
    notifier,
    once: pg.once,
    async ping() {
      // An idle connection the database dropped fails once and leaves the pool; the second try gets a fresh one,
      // so a database that is back answers "reachable" at once instead of after every stale connection has failed.
      await pg.pool.query('SELECT 1').catch(() => pg.pool.query('SELECT 1'));
    },
    async close() {
      await notifier.close();
      await pg.close();
    },
  };
}
