// Runs the real `baton` binary as a child process, with a clean environment: no key unless a test gives one.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../bin/baton.js', import.meta.url));
export const REPO = fileURLToPath(new URL('../../../', import.meta.url));
export const example = (name: string): string => join(REPO, 'examples', `${name}.json`);

export interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface Running {
  child: ChildProcess;
  /** What it has written so far. */
  readonly stdout: string;
  readonly stderr: string;
  /** Resolves once stdout and stderr (together) contain `text`, `times` times (once by default). */
  waitFor(text: string | RegExp, options?: { times?: number; timeoutMs?: number }): Promise<void>;
  done: Promise<Finished>;
}

/** The environment of every run: fast simulated models, no provider key, no server token. */
export function batonEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    BATON_SIM_CALL_MS: '0',
    BATON_SIM_TOKEN_MS: '0',
  };
  return { ...env, ...extra };
}

export function startBaton(
  args: string[],
  options: { env?: Record<string, string>; cwd?: string; command?: string[] } = {},
): Running {
  const [file, ...prefix] = options.command ?? [process.execPath, BIN];
  const child = spawn(file!, [...prefix, ...args], {
    cwd: options.cwd ?? REPO,
    env: batonEnv(options.env),
    stdio: 'pipe',
  });
  let stdout = '';
  let stderr = '';
  const waiters = new Set<() => void>();
  const wake = () => {
    for (const w of [...waiters]) w();
  };
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    wake();
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    wake();
  });
  const done = new Promise<Finished>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return {
    child,
    get stdout() {
      return stdout;
    },
    get stderr() {
      return stderr;
    },
    waitFor(text, { times = 1, timeoutMs = 15_000 } = {}) {
      const seen = () => {
        const all = stdout + stderr;
        if (typeof text !== 'string') return text.test(all);
        return all.split(text).length - 1 >= times;
      };
      return new Promise<void>((resolve, reject) => {
        if (seen()) return resolve();
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`baton never wrote ${String(text)}; stdout: ${stdout}\nstderr: ${stderr}`));
        }, timeoutMs);
        const check = () => {
          if (!seen()) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        };
        waiters.add(check);
        void done.then(check);
      });
    },
    done,
  };
}

export function baton(
  args: string[],
  options: { env?: Record<string, string>; cwd?: string; command?: string[] } = {},
): Promise<Finished> {
  const running = startBaton(args, options);
  running.child.stdin!.end();
  return running.done;
}

/** A temporary folder for the files a test writes, removed by the returned function. */
export function tempDir(): { dir: string; path(name: string): string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'baton-cli-'));
  return { dir, path: (name) => join(dir, name), remove: () => rmSync(dir, { recursive: true, force: true }) };
}
