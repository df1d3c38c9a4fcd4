// The store implementations the shared behaviour tests run against: SQLite in a temporary file, and PostgreSQL on a
// server the tests start themselves (toolchain's startPostgres), one fresh database per test.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type PostgresServer, startPostgres } from '@baton/toolchain';
import { openPgStores, openSqliteStores, type Stores } from './open-stores';

export interface StoreBackend {
  name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** A new, empty database: what `open` takes. */
  fresh(): Promise<string>;
  /** Stores over `where`; opening it twice is two processes sharing one database. */
  open(where: string, now?: () => number): Promise<Stores>;
}

export function sqliteBackend(): StoreBackend {
  const dirs: string[] = [];
  return {
    name: 'SQLite',
    async start() {},
    async stop() {
      for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
    },
    async fresh() {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-store-'));
      dirs.push(dir);
      return dir;
    },
    async open(where, now) {
      return openSqliteStores(where, now);
    },
  };
}

export function postgresBackend(): StoreBackend {
  let server: PostgresServer | undefined;
  let count = 0;
  return {
    name: 'PostgreSQL',
    async start() {
      server = await startPostgres();
    },
    async stop() {
      await server?.stop();
    },
    async fresh() {
      if (!server) throw new Error('The PostgreSQL test server was not started.');
      return server.createDatabase(`baton_test_${++count}`);
    },
    async open(where, now) {
      return openPgStores(where, { now, max: 4 });
    },
  };
}

export const STORE_BACKENDS = [sqliteBackend(), postgresBackend()];
