// Opens the SQLite file (WAL, foreign keys) and brings its schema up to date with the migrations.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS, type Migration } from './migrations';

export type Db = Database.Database;

/** Opens `<dataDir>/baton.db`, or an in-memory database for `':memory:'`. */
export function openDatabase(dataDir: string | ':memory:', migrations: readonly Migration[] = MIGRATIONS): Db {
  let file = ':memory:';
  if (dataDir !== ':memory:') {
    fs.mkdirSync(dataDir, { recursive: true });
    file = path.join(dataDir, 'baton.db');
  }
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // NORMAL with WAL keeps every committed transaction across a process crash (only an OS crash can lose the last).
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  try {
    migrate(db, migrations);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function migrate(db: Db, migrations: readonly Migration[]): void {
  const current = schemaVersion(db);
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new Error(`The database schema is version ${current}, newer than this server knows (${latest}).`);
  }
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
}
