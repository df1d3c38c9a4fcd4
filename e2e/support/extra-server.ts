// Starts an extra Baton server for one spec (BATON_TOKEN set, or a fake OpenAI-compatible provider): a real
// process on a free port with its own SQLite directory, the same command the shared e2e config runs. The one helper
// for every spec that needs a server of its own (sign-in, auth, XSS).
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ExtraServer {
  baseURL: string;
  /** What the server printed, for failure messages. */
  output(): string;
  stop(): Promise<void>;
  /** SIGKILL: the process dies at once, its data directory stays for `restart`. */
  kill(): Promise<void>;
  /**
   * Starts the server again on the same port and data directory (the browser's streams reconnect to it), with
   * `env` changed from the first start's (e.g. the provider key removed).
   */
  restart(env?: Record<string, string>): Promise<void>;
}

const SERVER_DIR = fileURLToPath(new URL('../../apps/server', import.meta.url));

/** A port nobody listens on now: specs running side by side (or another engineer's server) never collide. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  if (typeof address !== 'object' || address === null) throw new Error('No free port.');
  return address.port;
}

export async function startExtraServer(env: Record<string, string>): Promise<ExtraServer> {
  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  // Another server on the port would answer our health checks and the spec would test the wrong server.
  if (await answers(`${baseURL}/api/health`)) throw new Error(`Port ${port} is already in use.`);
  const dataDir = mkdtempSync(join(tmpdir(), 'baton-e2e-extra-'));
  let output = '';
  let process_ = await spawnServer(port, dataDir, env, (text) => {
    output += text;
  });
  const stop = async () => {
    if (process_.child.exitCode === null) process_.child.kill('SIGTERM');
    await process_.exited;
    rmSync(dataDir, { recursive: true, force: true });
  };
  const kill = async () => {
    if (process_.child.exitCode === null) process_.child.kill('SIGKILL');
    await process_.exited;
  };
  const restart = async (changed: Record<string, string> = {}) => {
    await kill();
    process_ = await spawnServer(port, dataDir, { ...env, ...changed }, (text) => {
      output += text;
    });
  };
  return { baseURL, output: () => output, stop, kill, restart };
}

async function spawnServer(
  port: number,
  dataDir: string,
  env: Record<string, string>,
  log: (text: string) => void,
): Promise<{ child: ChildProcess; exited: Promise<void> }> {
  const baseURL = `http://127.0.0.1:${port}`;
  let output = '';
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: SERVER_DIR,
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      BATON_DATA_DIR: dataDir,
      OPENAI_API_KEY: '',
      BATON_TOKEN: '',
      BATON_SIM_CALL_MS: '150',
      BATON_SIM_TOKEN_MS: '10',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const onData = (chunk: unknown) => {
    output += String(chunk);
    log(String(chunk));
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The extra server exited early:\n${output}`);
    if (await answers(`${baseURL}/api/health`)) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      await exited;
      throw new Error(`The extra server did not start within 60 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { child, exited };
}

/** A queue worker (`npm run worker`) with the same settings as a server; resolves once it says it takes runs. */
export async function startExtraWorker(env: Record<string, string>): Promise<{ stop(): Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/worker-main.ts'], {
    cwd: SERVER_DIR,
    env: { ...process.env, OPENAI_API_KEY: '', BATON_SIM_CALL_MS: '150', BATON_SIM_TOKEN_MS: '10', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The worker did not start within 60 s:\n${output}`)), 60_000);
    const onData = (chunk: unknown) => {
      output += String(chunk);
      if (/is taking runs/.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', () => reject(new Error(`The worker exited early:\n${output}`)));
  });
  return {
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url)).ok;
  } catch {
    return false;
  }
}

/**
 * The engine's fake OpenAI-compatible server in a child process; specialists answer with `specialistReply`. With
 * `failWhenSystemHas`, the calls whose system message contains that text get an HTTP 500 (see run-fake-openai.ts);
 * with `plan`, an orchestrator's planning call answers with that text.
 */
export async function startFakeOpenAI(
  specialistReply: string | undefined,
  options: { chunkDelayMs?: number; failWhenSystemHas?: string; plan?: string } = {},
): Promise<{ baseURL: string; stop(): Promise<void> }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(new URL('../pages/run-fake-openai.ts', import.meta.url))],
    {
      cwd: SERVER_DIR,
      env: {
        ...process.env,
        ...(specialistReply !== undefined ? { FAKE_SPECIALIST_REPLY: specialistReply } : {}),
        FAKE_CHUNK_DELAY_MS: String(options.chunkDelayMs ?? 0),
        ...(options.failWhenSystemHas ? { FAKE_FAIL_WHEN_SYSTEM_HAS: options.failWhenSystemHas } : {}),
        ...(options.plan !== undefined ? { FAKE_PLAN: options.plan } : {}),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let output = '';
  const baseURL = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The fake OpenAI server did not start:\n${output}`)), 30_000);
    const onData = (chunk: unknown) => {
      output += String(chunk);
      const match = /FAKE_BASE_URL=(\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1] as string);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', () => reject(new Error(`The fake OpenAI server exited:\n${output}`)));
  });
  return {
    baseURL,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
