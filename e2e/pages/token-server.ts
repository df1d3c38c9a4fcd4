// Starts a second, token-protected Baton server (BATON_TOKEN set) for the sign-in tests, on its own port and data.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const serverMain = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../apps/server/src/main.ts');

export interface TokenServer {
  baseURL: string;
  token: string;
  stop(): Promise<void>;
}

/** A port nobody is listening on right now. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  if (typeof address !== 'object' || address === null) throw new Error('No free port.');
  return address.port;
}

export async function startTokenServer(token: string): Promise<TokenServer> {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'baton-e2e-token-'));
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', serverMain], {
    cwd: path.dirname(serverMain),
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      BATON_DATA_DIR: dataDir,
      BATON_TOKEN: token,
      OPENAI_API_KEY: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const baseURL = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The token server exited:\n${output}`);
    const healthy = await fetch(`${baseURL}/api/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) break;
    if (Date.now() > deadline) throw new Error(`The token server did not start in 30 s:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    baseURL,
    token,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
