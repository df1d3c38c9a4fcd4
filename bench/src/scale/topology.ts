// The processes a scale case runs against: our server alone on SQLite, or one API process and k BullMQ workers on a
// PostgreSQL and a Redis the toolchain starts (the same as `scripts/scale-local.sh`), each a real child process.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPostgres, startRedis } from '@baton/toolchain';
import { REPO_DIR, type ServerProcess, startOurServer } from '../streams/processes';

export interface Topology {
  name: string;
  baseUrl: string;
  stop(): Promise<void>;
}

/** Small runs at full speed: the simulated provider with no delay. */
const FAST = { BATON_SIM_CALL_MS: '0', BATON_SIM_TOKEN_MS: '0' };

export async function sqliteTopology(): Promise<Topology> {
  const dataDir = mkdtempSync(join(tmpdir(), 'baton-bench-scale-'));
  const server = await startOurServer({ ...FAST, BATON_DATA_DIR: dataDir });
  return {
    name: 'SQLite, one process',
    baseUrl: server.baseUrl,
    async stop() {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function queueTopology(workers: number): Promise<Topology> {
  const [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
  const env = {
    ...FAST,
    BATON_DATABASE_URL: postgres.createDatabase('bench'),
    BATON_QUEUE_URL: redis.url,
    BATON_WORKER_CONCURRENCY: '16',
  };
  const started: ServerProcess[] = [];
  try {
    const api = await startOurServer(env);
    started.push(api);
    started.push(...(await Promise.all(Array.from({ length: workers }, () => startOurWorker(env)))));
    return {
      name: `PostgreSQL, ${workers} worker${workers === 1 ? '' : 's'}`,
      baseUrl: api.baseUrl,
      async stop() {
        await Promise.all(started.map((p) => p.stop()));
        await Promise.all([postgres.stop(), redis.stop()]);
      },
    };
  } catch (error) {
    await Promise.all(started.map((p) => p.stop()));
    await Promise.all([postgres.stop(), redis.stop()]);
    throw error;
  }
}

/** `npm run worker` (apps/server/src/worker-main.ts); resolves once it says it takes runs. */
function startOurWorker(env: NodeJS.ProcessEnv): Promise<ServerProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/worker-main.ts'], {
    cwd: join(REPO_DIR, 'apps/server'),
    env: { ...process.env, OPENAI_API_KEY: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(kill, 3000);
      await exited;
      clearTimeout(timer);
    }
    process.off('exit', kill);
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      kill();
      reject(new Error(`the worker did not start within 60 s: ${output.slice(-2000)}`));
    }, 60_000);
    const onData = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-4000);
      if (/is taking runs/.test(output)) {
        clearTimeout(timer);
        resolve({ baseUrl: '', pid: child.pid!, stop });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`the worker exited with ${child.exitCode}: ${output.slice(-2000)}`));
    });
  });
}
