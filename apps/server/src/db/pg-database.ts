// Opens a PostgreSQL pool (node-postgres) and brings the schema up to date, once across processes that start
// together: migrations run under a session-level advisory lock, and so does anything else that must happen once
// (seeding the examples), through `once`.
import pg from 'pg';
import type { Migration } from './migrations';
import { PG_MIGRATIONS } from './pg-migrations';

/** The advisory lock key of Baton's start-up work (any fixed 64-bit number; this one reads "baton" in ASCII). */
const STARTUP_LOCK = 0x626174_6f6e;

export interface PgDb {
  pool: pg.Pool;
  /** Runs `fn` while holding the start-up lock: one process at a time across every process on this database. */
  once<T>(fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export type PgClient = pg.PoolClient;

/** int8 (bigint) columns hold milliseconds since the epoch and counts: well inside a double, so read as numbers. */
const types = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === pg.types.builtins.INT8 && format !== 'binary'
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

export async function openPostgres(
  url: string,
  options: { migrations?: readonly Migration[]; max?: number } = {},
): Promise<PgDb> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    types,
    // A database that stops answering fails requests (and /api/health) within seconds instead of hanging them; 15 s,
    // because under a burst (200 runs started at once on a loaded machine) waiting for a pooled client took over 5.
    connectionTimeoutMillis: 15_000,
  });
  // An idle client that loses its connection (the server restarted) is dropped from the pool, not a crash.
  pool.on('error', () => {});
  const once = async <T>(fn: () => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock($1)', [STARTUP_LOCK]);
      try {
        return await fn();
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [STARTUP_LOCK]);
      }
    } finally {
      client.release();
    }
  };
  try {
    await once(() => migrate(pool, options.migrations ?? PG_MIGRATIONS));
  } catch (error) {
    await pool.end();
    throw new Error(`Could not prepare the PostgreSQL database: ${(error as Error).message}`, { cause: error });
  }
  return { pool, once, close: () => pool.end() };
}

export async function pgSchemaVersion(pool: pg.Pool): Promise<number> {
  const { rows } = await pool.query<{ version: number }>('SELECT version FROM baton_schema');
  return rows[0]?.version ?? 0;
}

async function migrate(pool: pg.Pool, migrations: readonly Migration[]): Promise<void> {
  await pool.query('CREATE TABLE IF NOT EXISTS baton_schema (version integer NOT NULL)');
  const current = await pgSchemaVersion(pool);
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new Error(`The database schema is version ${current}, newer than this server knows (${latest}).`);
  }
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    await transaction(pool, async (client) => {
      await client.query(migration.sql);
      await client.query('DELETE FROM baton_schema');
      await client.query('INSERT INTO baton_schema (version) VALUES ($1)', [migration.version]);
    });
  }
}

/** Runs `fn` in one transaction on one client: committed when it returns, rolled back when it throws. */
export async function transaction<T>(pool: pg.Pool, fn: (client: PgClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    // A client that cannot even roll back is closed rather than handed to the next caller.
    await client.query('ROLLBACK').catch((rollback: Error) => {
      broken = rollback;
    });
    throw error;
  } finally {
    client.release(broken);
  }
}
