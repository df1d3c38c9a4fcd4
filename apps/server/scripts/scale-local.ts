// `npm run scale:local`: the whole scale-out on one machine, to see it work. A PostgreSQL in a temporary data
// directory and a redis-server (both from the toolchain, as the tests start them), two API processes and two BullMQ
// workers, each a real process with its output prefixed. Ctrl+C stops all of it and deletes the temporary data.
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPostgres, startRedis } from '@baton/toolchain';

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const basePort = Number(process.env.PORT ?? 8787);
const say = (line: string) => process.stdout.write(`[scale] ${line}\n`);

say('starting PostgreSQL (a temporary cluster) and redis-server on free loopback ports...');
const [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
const env = {
  ...process.env,
  HOST: '127.0.0.1',
  BATON_DATABASE_URL: postgres.createDatabase('baton'),
  BATON_QUEUE_URL: redis.url,
};
say(`BATON_DATABASE_URL=${env.BATON_DATABASE_URL}`);
say(`BATON_QUEUE_URL=${env.BATON_QUEUE_URL}`);

const children: ChildProcess[] = [];
function start(name: string, script: string, extra: Record<string, string> = {}): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: serverDir,
    env: { ...env, ...extra },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [child.stdout, child.stderr]) {
    let rest = '';
    stream.setEncoding('utf8').on('data', (chunk: string) => {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) process.stdout.write(`[${name}] ${line}\n`);
    });
  }
  child.on('exit', (code, signal) => say(`${name} exited (${signal ?? code})`));
  children.push(child);
  return child;
}

// The API processes first: they migrate the database and seed the examples once, under PostgreSQL's lock.
start('api-1', 'src/main.ts', { PORT: String(basePort) });
start('api-2', 'src/main.ts', { PORT: String(basePort + 1) });
start('worker-1', 'src/worker-main.ts');
start('worker-2', 'src/worker-main.ts');
say(
  `open http://127.0.0.1:${basePort} or http://127.0.0.1:${basePort + 1} (the web app needs a build: npm start once)`,
);
say(`health: curl http://127.0.0.1:${basePort}/api/health   stop one worker: kill -9 <its pid>   Ctrl+C stops all`);

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  say('stopping the API processes and workers, then PostgreSQL and Redis...');
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), 5000).unref();
        }),
    ),
  );
  await Promise.all([postgres.stop(), redis.stop()]);
  process.exit(0);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
