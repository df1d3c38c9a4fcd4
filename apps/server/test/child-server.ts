// Starts the real server (src/main.ts) as a child process on a free port, for tests of start, restart and logs; or a
// real worker (src/worker-main.ts), which serves no HTTP and says when it takes runs.
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface ChildServer {
  url: string;
  process: ChildProcess;
  /** Everything the process wrote, stdout and stderr. */
  output: () => string;
  /** What it wrote to stderr alone (the log). */
  stderr: () => string;
  /** Waits for the process to exit. */
  exited: Promise<number | null>;
}

/** `entry`: the script to run, relative to apps/server (a test entry such as test/tool-child-main.ts). */
export async function startChildServer(
  env: Record<string, string>,
  timeoutMs = 45_000,
  entry = 'src/main.ts',
): Promise<ChildServer> {
  return startChild(entry, /running at (http:\/\/\S+)/, env, timeoutMs);
}

/** A worker process; its `url` is the owner id it claims runs as (it serves no HTTP). */
export function startChildWorker(env: Record<string, string>, timeoutMs = 45_000): Promise<ChildServer> {
  return startChild('src/worker-main.ts', /Baton worker (\S+) is taking runs/, env, timeoutMs);
}

async function startChild(
  script: string,
  ready: RegExp,
  env: Record<string, string>,
  timeoutMs: number,
): Promise<ChildServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: serverDir,
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', BATON_WEB_DIR: '/nonexistent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = ready.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
  return { url, process: child, output: () => output, stderr: () => stderr, exited };
}
