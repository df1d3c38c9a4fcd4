// Starts a throwaway PostgreSQL for tests and benchmarks: a fresh cluster in a temporary directory, on a free
// loopback port, stopped and deleted by `stop()`. As root the server runs as the `postgres` system user (initdb and
// postgres refuse root); when no PostgreSQL is installed, root installs Debian's package and anyone else is told to.
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './free-port';

export const POSTGRES_LIB_DIR = '/usr/lib/postgresql';
export const POSTGRES_INSTALL_COMMAND = 'apt-get update && apt-get install -y postgresql';
export const NO_POSTGRES_MESSAGE =
  'No PostgreSQL found under /usr/lib/postgresql/*/bin: install Debian\'s "postgresql" package (sudo apt-get install postgresql).';

export class PostgresNotFoundError extends Error {
  override name = 'PostgresNotFoundError';
}

export interface PostgresServer {
  /** `postgres://baton@127.0.0.1:<port>/postgres`: the superuser `baton`, trusted on loopback (a test cluster). */
  url: string;
  port: number;
  /** The temporary directory holding the cluster, its socket and its log. */
  dir: string;
  /** A new, empty database on this server, and its URL. */
  createDatabase(name: string): string;
  /** Stops the server (fast shutdown) and deletes its directory. */
  stop(): Promise<void>;
}

export interface PostgresOptions {
  libDir?: string;
  isRoot?: boolean;
  /** Installs Debian's package; throws when the install fails. */
  install?: () => void;
  log?: (line: string) => void;
}

/** The newest `bin` directory under `libDir` that has initdb, pg_ctl and postgres, or undefined. */
export function findPostgresBin(libDir = POSTGRES_LIB_DIR): string | undefined {
  if (!existsSync(libDir)) return undefined;
  const versions = readdirSync(libDir)
    .filter((name) =>
      ['initdb', 'pg_ctl', 'postgres'].every((tool) => existsSync(path.join(libDir, name, 'bin', tool))),
    )
    .sort((a, b) => Number(b) - Number(a) || b.localeCompare(a));
  return versions[0] === undefined ? undefined : path.join(libDir, versions[0], 'bin');
}

export function locatePostgres(options: PostgresOptions = {}): string {
  const libDir = options.libDir ?? POSTGRES_LIB_DIR;
  const found = findPostgresBin(libDir);
  if (found) return found;
  if (!(options.isRoot ?? process.getuid?.() === 0)) throw new PostgresNotFoundError(NO_POSTGRES_MESSAGE);
  (options.log ?? stderrLine)(`No PostgreSQL found: installing Debian's package (${POSTGRES_INSTALL_COMMAND})...`);
  try {
    (options.install ?? (() => aptInstall(POSTGRES_INSTALL_COMMAND)))();
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new PostgresNotFoundError(`Installing PostgreSQL failed (${reason}). ${NO_POSTGRES_MESSAGE}`);
  }
  const installed = findPostgresBin(libDir);
  if (!installed) throw new PostgresNotFoundError(NO_POSTGRES_MESSAGE);
  return installed;
}

export async function startPostgres(options: PostgresOptions = {}): Promise<PostgresServer> {
  const bin = locatePostgres(options);
  const root = process.getuid?.() === 0;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'baton-pg-'));
  // The server's user must own its directory; the socket goes there too, away from /var/run/postgresql.
  if (root) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  const run = (tool: string, args: string[]) => {
    const [command, argv] = root
      ? ['runuser', ['-u', 'postgres', '--', path.join(bin, tool), ...args]]
      : [path.join(bin, tool), args];
    return execFileSync(command, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  };
  const data = path.join(dir, 'data');
  const logFile = path.join(dir, 'postgres.log');
  try {
    run('initdb', ['-D', data, '-U', 'baton', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`initdb failed: ${describe(error)}`);
  }
  // A port found free can be taken before the server binds it: try a few.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    // Durability settings off: a test cluster is thrown away, and fsync on a shared 2-core machine costs seconds.
    const settings = [
      `-p ${port}`,
      "-c listen_addresses='127.0.0.1'",
      `-c unix_socket_directories='${dir}'`,
      '-c fsync=off',
      '-c synchronous_commit=off',
      '-c full_page_writes=off',
      '-c max_connections=200',
    ].join(' ');
    try {
      run('pg_ctl', ['-D', data, '-l', logFile, '-o', settings, '-w', '-t', '30', 'start']);
    } catch (error) {
      if (attempt < 3) continue;
      const log = existsSync(logFile) ? readFileSync(logFile, 'utf8').slice(-2000) : '';
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`PostgreSQL did not start: ${describe(error)}\n${log}`);
    }
    let stopped = false;
    const stopNow = (mode: 'fast' | 'immediate') => {
      if (stopped) return;
      stopped = true;
      try {
        run('pg_ctl', ['-D', data, '-m', mode, '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    };
    // A test process that exits without calling stop() must not leave a server behind.
    const onExit = () => stopNow('immediate');
    process.once('exit', onExit);
    return {
      url: `postgres://baton@127.0.0.1:${port}/postgres`,
      port,
      dir,
      createDatabase(name) {
        if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`"${name}" is not a plain database name.`);
        run('createdb', ['-h', dir, '-p', String(port), '-U', 'baton', name]);
        return `postgres://baton@127.0.0.1:${port}/${name}`;
      },
      async stop() {
        process.off('exit', onExit);
        stopNow('fast');
      },
    };
  }
}

function describe(error: unknown): string {
  const stderr = (error as { stderr?: string }).stderr;
  return (stderr?.trim() || (error instanceof Error ? error.message : String(error))).split('\n').slice(-3).join(' ');
}

export function aptInstall(command: string): void {
  // stdout goes to stderr: a caller may be printing a report (the bench's JSON) on stdout.
  execFileSync('sh', ['-c', command], {
    stdio: ['ignore', process.stderr, process.stderr],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}

function stderrLine(line: string): void {
  process.stderr.write(`${line}\n`);
}
