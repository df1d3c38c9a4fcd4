// Both sides of the child-process protocol: a case prints one `BENCH_RESULT <json>` line; the harness reads it.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const RESULT_PREFIX = 'BENCH_RESULT ';
export const BENCH_DIR = fileURLToPath(new URL('../..', import.meta.url));

/** Called once by a case when it is done. */
export function emitResult(result: unknown): void {
  process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(result)}\n`);
}

export class ChildCaseError extends Error {
  override name = 'ChildCaseError';
}

/**
 * Runs `src/cases/<name>.ts` in a fresh Node process (so that memory and JIT state are its own) and returns what it
 * emitted. `--expose-gc` lets cases collect garbage between runs so that one run's garbage is not the next one's peak.
 */
export function runCase<T>(name: string, argv: string[], options: { timeoutMs: number; env?: NodeJS.ProcessEnv }) {
  return new Promise<T>((resolve, reject) => {
    const script = fileURLToPath(new URL(`../cases/${name}.ts`, import.meta.url));
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', script, ...argv], {
      cwd: BENCH_DIR,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      if (stderr.length > 20000) stderr = stderr.slice(-10000);
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const line = stdout
        .split('\n')
        .reverse()
        .find((l) => l.startsWith(RESULT_PREFIX));
      if (code === 0 && line) {
        resolve(JSON.parse(line.slice(RESULT_PREFIX.length)) as T);
        return;
      }
      const why = signal ? `killed by ${signal} (timeout ${options.timeoutMs} ms?)` : `exit code ${code}`;
      reject(new ChildCaseError(`case ${name} ${argv.join(' ')}: ${why}\n${stderr.slice(-4000)}`));
    });
  });
}
