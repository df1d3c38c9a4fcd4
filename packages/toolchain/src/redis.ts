// Starts a throwaway redis-server for tests and benchmarks: nothing saved to disk, on a free loopback port, stopped
// by `stop()`. When redis-server is missing, root installs Debian's package and anyone else is told to.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, waitForPort } from './free-port';
import { aptInstall } from './postgres';

export const REDIS_INSTALL_COMMAND = 'apt-get update && apt-get install -y redis-server';
export const NO_REDIS_MESSAGE =
  'No redis-server found: install Debian\'s "redis-server" package (sudo apt-get install redis-server), or set REDIS_SERVER_PATH.';

export class RedisNotFoundError extends Error {
  override name = 'RedisNotFoundError';
}

export interface RedisServer {
  /** `redis://127.0.0.1:<port>` */
  url: string;
  port: number;
  stop(): Promise<void>;
}

export interface RedisOptions {
  env?: Record<string, string | undefined>;
  candidates?: readonly string[];
  isRoot?: boolean;
  install?: () => void;
  log?: (line: string) => void;
}

const CANDIDATES = ['/usr/bin/redis-server', '/usr/local/bin/redis-server', '/usr/sbin/redis-server'];

export function locateRedis(options: RedisOptions = {}): string {
  const configured = (options.env ?? process.env).REDIS_SERVER_PATH?.trim();
  if (configured) {
    if (existsSync(configured)) return configured;
    throw new RedisNotFoundError(`REDIS_SERVER_PATH is set to "${configured}", but there is no file there.`);
  }
  const candidates = options.candidates ?? CANDIDATES;
  const found = candidates.find((file) => existsSync(file));
  if (found) return found;
  if (!(options.isRoot ?? process.getuid?.() === 0)) throw new RedisNotFoundError(NO_REDIS_MESSAGE);
  (options.log ?? ((line) => process.stderr.write(`${line}\n`)))(
    `No redis-server found: installing Debian's package (${REDIS_INSTALL_COMMAND})...`,
  );
  try {
    (options.install ?? (() => aptInstall(REDIS_INSTALL_COMMAND)))();
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new RedisNotFoundError(`Installing redis-server failed (${reason}). ${NO_REDIS_MESSAGE}`);
  }
  const installed = candidates.find((file) => existsSync(file));
  if (!installed) throw new RedisNotFoundError(NO_REDIS_MESSAGE);
  return installed;
}

export async function startRedis(options: RedisOptions = {}): Promise<RedisServer> {
  const binary = locateRedis(options);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'baton-redis-'));
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const child: ChildProcess = spawn(
      binary,
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    try {
      await waitForPort(port, 10_000, () => child.exitCode === null && child.signalCode === null);
    } catch (error) {
      child.kill('SIGKILL');
      await exited;
      if (attempt < 3) continue;
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`redis-server did not start: ${(error as Error).message} ${stderr.trim()}`);
    }
    // A test process that exits without calling stop() must not leave a server behind.
    const onExit = () => {
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    };
    process.once('exit', onExit);
    return {
      url: `redis://127.0.0.1:${port}`,
      port,
      async stop() {
        process.off('exit', onExit);
        if (child.exitCode === null && child.signalCode === null) {
          child.kill('SIGTERM');
          await exited;
        }
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
}
